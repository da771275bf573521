-- How many tweets did each trending topic get, hour by hour, over the last 24 hours?
-- Window: change both '24' to look at another number of hours.
SELECT topic, date_trunc('hour', created_at) AS hour, count(*) AS tweets
FROM tweets
WHERE dt >= date_format(current_timestamp - INTERVAL '24' HOUR, '%Y/%m/%d/%H')
  AND created_at >= current_timestamp - INTERVAL '24' HOUR
  AND topic IS NOT NULL
GROUP BY topic, date_trunc('hour', created_at)
ORDER BY hour DESC, tweets DESC, topic
