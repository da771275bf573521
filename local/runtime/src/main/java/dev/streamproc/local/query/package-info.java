/**
 * {@code streamproc query}: Athena SQL run locally with DuckDB over the files the local S3 holds. The tables and
 * views come from athena/ddl (the single source of truth for names, columns and types, and for where the files
 * are: LOCATION / storage.location.template with its projected partitions); the dialect differences are handled
 * in {@link dev.streamproc.local.query.TrinoDialect} only. No server needs to run: the files are enough.
 */
package dev.streamproc.local.query;
