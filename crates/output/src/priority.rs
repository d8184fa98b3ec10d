//! Rule priorities: the syslog severities, most severe first.

use std::fmt;

/// A rule priority. The discriminant is the syslog severity (`LOG_EMERG` = 0 ... `LOG_DEBUG`
/// = 7), which is also what Falco sends to syslog and how it orders its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Informational = 6,
    Debug = 7,
}

impl Priority {
    pub const ALL: [Priority; 8] = [
        Priority::Emergency,
        Priority::Alert,
        Priority::Critical,
        Priority::Error,
        Priority::Warning,
        Priority::Notice,
        Priority::Informational,
        Priority::Debug,
    ];

    /// The name alerts print (`Warning`, `Informational`).
    pub fn name(self) -> &'static str {
        match self {
            Priority::Emergency => "Emergency",
            Priority::Alert => "Alert",
            Priority::Critical => "Critical",
            Priority::Error => "Error",
            Priority::Warning => "Warning",
            Priority::Notice => "Notice",
            Priority::Informational => "Informational",
            Priority::Debug => "Debug",
        }
    }

    /// The short name, upper-cased, as the end-of-run summary prints it (`WARNING`, `INFO`).
    pub fn summary_name(self) -> &'static str {
        match self {
            Priority::Emergency => "EMERGENCY",
            Priority::Alert => "ALERT",
            Priority::Critical => "CRITICAL",
            Priority::Error => "ERROR",
            Priority::Warning => "WARNING",
            Priority::Notice => "NOTICE",
            Priority::Informational => "INFO",
            Priority::Debug => "DEBUG",
        }
    }

    /// Case-insensitive, accepting `info` for `Informational` as Falco does.
    pub fn parse(s: &str) -> Option<Priority> {
        Self::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s))
            .or_else(|| {
                s.eq_ignore_ascii_case("info")
                    .then_some(Priority::Informational)
            })
    }

    /// From the syslog severity number.
    pub fn from_index(i: u8) -> Option<Priority> {
        Self::ALL.get(usize::from(i)).copied()
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_parsing() {
        assert_eq!(Priority::parse("WARNING"), Some(Priority::Warning));
        assert_eq!(Priority::parse("info"), Some(Priority::Informational));
        assert_eq!(
            Priority::parse("Informational"),
            Some(Priority::Informational)
        );
        assert_eq!(Priority::parse("warn"), None);
        assert_eq!(Priority::Informational.name(), "Informational");
        assert_eq!(Priority::Informational.summary_name(), "INFO");
        for (i, p) in Priority::ALL.iter().enumerate() {
            assert_eq!(Priority::from_index(i as u8), Some(*p));
            assert_eq!(p.index(), i);
        }
        assert_eq!(Priority::from_index(8), None);
    }
}
