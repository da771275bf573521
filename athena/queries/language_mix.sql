-- Which languages were the tweets of the last 24 hours written in, and what share has each?
-- Window: change both '24' to look at another number of hours. Lang 'und' = undetermined.
SELECT lang, count(*) AS tweets,
       round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS percent
FROM tweets
WHERE dt >= date_format(current_timestamp - INTERVAL '24' HOUR, '%Y/%m/%d/%H')
  AND created_at >= current_timestamp - INTERVAL '24' HOUR
GROUP BY lang
ORDER BY tweets DESC, lang
