-- Who tweeted most in the last 24 hours, and how many followers do they have?
-- Window: change both '24' to look at another number of hours.
SELECT username, max(user_name) AS user_name, count(*) AS tweets,
       max(followers) AS followers,
       sum(CASE WHEN is_retweet THEN 1 ELSE 0 END) AS retweets
FROM tweets
WHERE dt >= date_format(current_timestamp - INTERVAL '24' HOUR, '%Y/%m/%d/%H')
  AND created_at >= current_timestamp - INTERVAL '24' HOUR
GROUP BY username
ORDER BY tweets DESC, username
LIMIT 20
