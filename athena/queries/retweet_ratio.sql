-- What share of each topic's tweets in the last 24 hours were retweets rather than original tweets?
-- Window: change both '24' to look at another number of hours. Tweets without a topic count as '(none)'.
SELECT coalesce(topic, '(none)') AS topic,
       count(*) AS tweets,
       sum(CASE WHEN is_retweet THEN 1 ELSE 0 END) AS retweets,
       round(CAST(sum(CASE WHEN is_retweet THEN 1 ELSE 0 END) AS double) / count(*), 3) AS retweet_ratio
FROM tweets
WHERE dt >= date_format(current_timestamp - INTERVAL '24' HOUR, '%Y/%m/%d/%H')
  AND created_at >= current_timestamp - INTERVAL '24' HOUR
GROUP BY coalesce(topic, '(none)')
ORDER BY tweets DESC, topic
