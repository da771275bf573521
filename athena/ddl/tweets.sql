-- The archive of tweets: one JSON line per tweet, written by the Firehose transformer
-- (dev.streamproc.model.AthenaRow) under s3://<ARCHIVE_BUCKET>/tweets/yyyy/MM/dd/HH/.
-- The stack creates this table itself (template.yaml, TweetsTable); run this only to recreate
-- it by hand, after replacing <ARCHIVE_BUCKET> with the stack's ArchiveBucketName output.
-- dt is the UTC hour Firehose received the tweet, 'yyyy/MM/dd/HH': filter on it to read
-- fewer hours (partition projection turns the filter into S3 prefixes, no MSCK REPAIR needed).
CREATE EXTERNAL TABLE IF NOT EXISTS tweets (
  id string,
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
LOCATION 's3://<ARCHIVE_BUCKET>/tweets/'
TBLPROPERTIES (
  'classification' = 'json',
  'compressionType' = 'gzip',
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy/MM/dd/HH',
  'projection.dt.range' = 'NOW-1YEARS,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'HOURS',
  'storage.location.template' = 's3://<ARCHIVE_BUCKET>/tweets/${dt}/'
);
