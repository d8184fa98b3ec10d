//! Timestamp formatting without a time-zone database: UTC, as on the machines we run on
//! (sysdig and Falco format with the local zone; set TZ=UTC to compare elsewhere).

/// (year, month, day) from days since 1970-01-01 (Howard Hinnant's civil-from-days).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub struct Parts {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub min: u32,
    pub sec: u32,
    pub nanos: u32,
}

pub fn parts(ts_ns: u64) -> Parts {
    let secs = (ts_ns / 1_000_000_000) as i64;
    let nanos = (ts_ns % 1_000_000_000) as u32;
    let (year, month, day) = civil(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400) as u32;
    Parts {
        year,
        month,
        day,
        hour: sod / 3600,
        min: sod / 60 % 60,
        sec: sod % 60,
        nanos,
    }
}

/// `HH:MM:SS.nnnnnnnnn` (`%evt.time`).
pub fn time(ts: u64) -> String {
    let p = parts(ts);
    format!("{:02}:{:02}:{:02}.{:09}", p.hour, p.min, p.sec, p.nanos)
}

/// `HH:MM:SS` (`%evt.time.s`).
pub fn time_s(ts: u64) -> String {
    let p = parts(ts);
    format!("{:02}:{:02}:{:02}", p.hour, p.min, p.sec)
}

/// `YYYY-MM-DD HH:MM:SS.nnnnnnnnn` (`%evt.datetime`).
pub fn datetime(ts: u64) -> String {
    let p = parts(ts);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:09}",
        p.year, p.month, p.day, p.hour, p.min, p.sec, p.nanos
    )
}

/// `YYYY-MM-DD HH:MM:SS` (`%evt.datetime.s`).
pub fn datetime_s(ts: u64) -> String {
    let p = parts(ts);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        p.year, p.month, p.day, p.hour, p.min, p.sec
    )
}

/// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000` (`%evt.time.iso8601`).
pub fn iso8601(ts: u64) -> String {
    let p = parts(ts);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}+0000",
        p.year, p.month, p.day, p.hour, p.min, p.sec, p.nanos
    )
}

/// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (the JSON alert `time`).
pub fn iso8601_z(ts: u64) -> String {
    let p = parts(ts);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}Z",
        p.year, p.month, p.day, p.hour, p.min, p.sec, p.nanos
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instant() {
        // 2016-08-04 16:17:57.882054739 UTC
        let ts = 1_470_327_477_882_054_739;
        assert_eq!(time(ts), "16:17:57.882054739");
        assert_eq!(datetime(ts), "2016-08-04 16:17:57.882054739");
        assert_eq!(iso8601(ts), "2016-08-04T16:17:57.882054739+0000");
        assert_eq!(iso8601_z(0), "1970-01-01T00:00:00.000000000Z");
        assert_eq!(datetime_s(951_782_400_000_000_000), "2000-02-29 00:00:00");
    }
}
