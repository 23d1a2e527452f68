//! Publication dates as precise as the source gives them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A publication date: a year and month, a day when known, a time when known.
/// Ordering compares precision after the date itself is equal, so "the most precise wins" is
/// `max_by_key(Published::precision)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Published {
    pub year: u16,
    pub month: u8,
    pub day: Option<u8>,
    /// Hours and minutes, when the source gives them.
    pub time: Option<(u8, u8)>,
}

impl Published {
    /// 1 for a month, 2 for a day, 3 for a day and a time.
    pub fn precision(&self) -> u8 {
        match (self.day, self.time) {
            (None, _) => 1,
            (Some(_), None) => 2,
            (Some(_), Some(_)) => 3,
        }
    }

    /// Days since 1970-01-01 (the first of the month when the day is unknown), for time priors.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day.unwrap_or(1)),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// `YYYY-MM-DD` or `YYYY-MM`, as the JSON contract gives `published`.
impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, d),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_the_json_contract_says() {
        let month = Published {
            year: 2021,
            month: 2,
            day: None,
            time: None,
        };
        let day = Published {
            day: Some(15),
            ..month
        };
        assert_eq!(month.to_string(), "2021-02");
        assert_eq!(day.to_string(), "2021-02-15");
        assert!(day.precision() > month.precision());
    }

    #[test]
    fn counts_days_from_the_epoch() {
        let d = |y, m, d| Published {
            year: y,
            month: m,
            day: Some(d),
            time: None,
        };
        assert_eq!(d(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(
            d(2021, 2, 15).days_since_epoch() - d(2021, 2, 13).days_since_epoch(),
            2
        );
        assert_eq!(d(2000, 3, 1).days_since_epoch(), 11_017);
    }
}
