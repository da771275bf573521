-- Records the transformer could not turn into rows (result ProcessingFailed, or an invocation
-- that kept failing): Firehose writes them as JSON lines under
-- s3://<ARCHIVE_BUCKET>/errors/processing-failed/yyyy/MM/dd/HH/, one object per record with
-- attemptsMade, arrivalTimestamp, errorCode, errorMessage, attemptEndingTimestamp, rawData
-- (the record, base64) and lambdaArn.
-- The stack creates the table tweets_errors itself (template.yaml, TweetsErrorsTable); the
-- view tweets_failed is created by running its statement below once in the workgroup
-- (it is also the named query "create-tweets_failed-view").
-- Replace <ARCHIVE_BUCKET> with the stack's ArchiveBucketName output before running the table.
CREATE EXTERNAL TABLE IF NOT EXISTS tweets_errors (
  attemptsmade int,
  arrivaltimestamp bigint,
  errorcode string,
  errormessage string,
  attemptendingtimestamp bigint,
  rawdata string,
  lambdaarn string
)
PARTITIONED BY (dt string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://<ARCHIVE_BUCKET>/errors/processing-failed/'
TBLPROPERTIES (
  'classification' = 'json',
  'compressionType' = 'gzip',
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy/MM/dd/HH',
  'projection.dt.range' = 'NOW-1YEARS,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'HOURS',
  'storage.location.template' = 's3://<ARCHIVE_BUCKET>/errors/processing-failed/${dt}/'
);

CREATE OR REPLACE VIEW tweets_failed AS
SELECT
  errorcode AS error_code,
  errormessage AS error_message,
  attemptsmade AS attempts,
  from_unixtime(arrivaltimestamp / 1000.0) AS arrived_at,
  from_unixtime(attemptendingtimestamp / 1000.0) AS last_attempt_at,
  from_utf8(from_base64(rawdata)) AS raw_record,
  lambdaarn AS lambda_arn,
  dt
FROM tweets_errors;
