-- Which hashtags were used most in the last 24 hours?
-- Window: change both '24' to look at another number of hours.
SELECT tag AS hashtag, count(*) AS tweets
FROM tweets
CROSS JOIN UNNEST(hashtags) AS t (tag)
WHERE dt >= date_format(current_timestamp - INTERVAL '24' HOUR, '%Y/%m/%d/%H')
  AND created_at >= current_timestamp - INTERVAL '24' HOUR
GROUP BY tag
ORDER BY tweets DESC, hashtag
LIMIT 20
