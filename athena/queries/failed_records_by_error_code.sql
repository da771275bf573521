-- How many records did the transformer fail to turn into rows, by error code, and when was each code last seen?
-- Reads every hour of errors/processing-failed/ the bucket still keeps (see ErrorRetentionDays).
SELECT errorcode AS error_code, count(*) AS records,
       max(attemptsmade) AS max_attempts, min(dt) AS first_hour, max(dt) AS last_hour
FROM tweets_errors
GROUP BY errorcode
ORDER BY records DESC, error_code
