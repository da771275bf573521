-- A DDL in the shape of athena/ddl: the parser and views are tested on it, independent of the real one.
CREATE EXTERNAL TABLE IF NOT EXISTS streamproc.tweets (
  `id` string COMMENT 'tweet id_str',
  created_at timestamp,
  username string,
  user_name string,
  followers bigint,
  text string,
  lang string,
  hashtags array<string>,
  is_retweet boolean,
  retweet_count bigint,
  favorite_count bigint,
  topic string
)
PARTITIONED BY (dt string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('ignore.malformed.json' = 'false')
LOCATION 's3://archive-bucket/tweets/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy/MM/dd/HH',
  'projection.dt.range' = '2020/01/01/00,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'HOURS',
  'storage.location.template' = 's3://archive-bucket/tweets/${dt}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS streamproc.tweets_failed_raw (
  attemptsmade int,
  arrivalTimestamp bigint,
  errorcode string,
  errorMessage string,
  attemptEndingTimestamp bigint,
  rawData string,
  lambdaArn string
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://archive-bucket/errors/processing-failed/';

CREATE OR REPLACE VIEW tweets_failed AS
SELECT errorcode AS error_code, errormessage AS error_message, attemptsmade AS attempts,
       from_unixtime(arrivaltimestamp / 1000) AS arrived_at,
       from_utf8(from_base64(rawdata)) AS raw_record
FROM streamproc.tweets_failed_raw;
