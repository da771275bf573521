package dev.streamproc.local.alarm;

/** The three states of a CloudWatch metric alarm. */
public enum AlarmState {
    OK, ALARM, INSUFFICIENT_DATA
}
