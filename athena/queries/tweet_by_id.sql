-- What does the archive hold for one tweet id (and in which hour did it arrive)?
-- Parameter: replace TWEET_ID in the last line with the tweet's id_str (as written it matches nothing).
-- No dt filter, so this reads the whole archive: add "AND dt >= 'yyyy/MM/dd/HH'" to read less.
SELECT id, created_at, username, user_name, followers, text, lang, hashtags,
       is_retweet, retweet_count, favorite_count, topic, dt
FROM tweets
WHERE id = 'TWEET_ID'
