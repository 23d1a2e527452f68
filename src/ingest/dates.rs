//! Publication dates in scraped text: lines that are only a date, and the ` date YYYY-MM ` token
//! some scrapers put in front of the title.
//!
//! A date line may be numeric (`2022-03-04`, `04.03.2022`, `2022-03-04T17:34`) or spelled out in any
//! language of the lexicon (`15 February 2021 – 17:34`, `February 15, 2021`, `13. Februar 2021`,
//! `le 4 mars 2022`, `4 de marzo de 2022`), with a weekday in front and a time after. Any word the
//! lexicon does not know makes the line text, not a date: a sentence that starts with a date is
//! never taken for one.

use super::lexicon::{DateWord, lexicon};
use crate::article::Published;

/// Lines longer than this (in bytes) are never a date, which keeps the check cheap on paragraphs.
const MAX_DATE_LINE: usize = 80;

/// The date a line gives when the line is only a date (and maybe a time).
pub fn date_line(line: &str) -> Option<Published> {
    let line = line.trim();
    if line.is_empty() || line.len() > MAX_DATE_LINE {
        return None;
    }
    let mut parts = DateParts::default();
    for token in line.split(|c: char| c.is_whitespace() || c == ',') {
        if !token.is_empty() {
            parts.take(token)?;
        }
    }
    parts.finish()
}

/// Splits a leading ` date YYYY-MM[-DD] ` token off a title line: (the date, the title).
pub fn title_date(line: &str) -> (Option<Published>, &str) {
    let trimmed = line.trim();
    if let Some(rest) = trimmed.strip_prefix("date ") {
        let rest = rest.trim_start();
        let (token, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        if let Some(date) = numeric_date(token) {
            return (Some(date.0), title.trim());
        }
    }
    (None, trimmed)
}

#[derive(Default)]
struct DateParts {
    day: Option<u8>,
    month: Option<u8>,
    year: Option<u16>,
    time: Option<(u8, u8)>,
    pm: bool,
}

impl DateParts {
    /// Takes one token of a date line; None when the token cannot be part of a date.
    fn take(&mut self, token: &str) -> Option<()> {
        if matches!(token, "–" | "—" | "-" | "|" | "·" | "/" | "@") {
            return Some(());
        }
        if token.starts_with(|c: char| c.is_ascii_digit()) {
            return self.take_number(token);
        }
        let word = token.trim_end_matches('.').to_lowercase();
        match lexicon().date_words.get(&word)? {
            DateWord::Month(m) => set(&mut self.month, *m),
            DateWord::Weekday | DateWord::Filler => Some(()),
            DateWord::Time => {
                if word == "pm" {
                    self.pm = true;
                }
                Some(())
            }
        }
    }

    fn take_number(&mut self, token: &str) -> Option<()> {
        if let Some((date, time)) = numeric_date(token) {
            set(&mut self.year, date.year)?;
            set(&mut self.month, date.month)?;
            if let Some(day) = date.day {
                set(&mut self.day, day)?;
            }
            if let Some(time) = time {
                set(&mut self.time, time)?;
            }
            return Some(());
        }
        if let Some(time) = clock(token) {
            return set(&mut self.time, time);
        }
        // A day with its ordinal mark (13., 1er, 1º, 2nd) or a year.
        let digits_end = token
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(token.len());
        let (digits, mark) = token.split_at(digits_end);
        let value: u32 = digits.parse().ok()?;
        match (digits.len(), mark) {
            (1 | 2, "" | "." | "er" | "º" | "°" | "st" | "nd" | "rd" | "th") if value >= 1 => {
                set(&mut self.day, u8::try_from(value).ok()?)
            }
            (4, "" | ".") => set(&mut self.year, u16::try_from(value).ok()?),
            _ => None,
        }
    }

    fn finish(self) -> Option<Published> {
        let (year, month) = (self.year?, self.month?);
        if !(1000..=2999).contains(&year) {
            return None;
        }
        if let Some(day) = self.day
            && day > days_in_month(year, month)
        {
            return None;
        }
        let time = match self.time {
            Some((h, m)) if self.pm && h < 12 => Some((h + 12, m)),
            other => other,
        };
        Some(Published {
            year,
            month,
            // A time without a day says nothing more precise.
            time: self.day.and(time),
            day: self.day,
        })
    }
}

/// Sets a part once; a second, different value means the line is not one date.
fn set<T: PartialEq>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(old) if *old != value => None,
        _ => {
            *slot = Some(value);
            Some(())
        }
    }
}

/// `YYYY-MM`, `YYYY-MM-DD` (with an optional `THH:MM…` time) or `DD.MM.YYYY`.
fn numeric_date(token: &str) -> Option<(Published, Option<(u8, u8)>)> {
    let (date, time) = match token.split_once('T') {
        Some((date, time)) => (date, Some(clock(time.get(..5).unwrap_or(time))?)),
        None => (token, None),
    };
    let fields: Vec<&str> = date.split(['-', '.']).collect();
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| -> Option<u16> {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = match (date.contains('-'), fields.as_slice()) {
        (true, [y, m]) => (number(y, 4..=4)?, number(m, 2..=2)?, None),
        (true, [y, m, d]) => (
            number(y, 4..=4)?,
            number(m, 2..=2)?,
            Some(number(d, 2..=2)?),
        ),
        (false, [d, m, y]) if date.contains('.') => (
            number(y, 4..=4)?,
            number(m, 1..=2)?,
            Some(number(d, 1..=2)?),
        ),
        _ => return None,
    };
    let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let day = match day {
        Some(d) => Some(
            u8::try_from(d)
                .ok()
                .filter(|d| (1..=days_in_month(year, month)).contains(d))?,
        ),
        None => None,
    };
    if !(1000..=2999).contains(&year) {
        return None;
    }
    Some((
        Published {
            year,
            month,
            day,
            time: None,
        },
        time,
    ))
}

/// `17:34`, `17:34:05`, `17.34`, `17h34`, `17h`: hours and minutes.
fn clock(token: &str) -> Option<(u8, u8)> {
    let (h, rest) = token.split_once([':', '.', 'h'])?;
    let m = rest.get(..2.min(rest.len())).unwrap_or("");
    let tail = rest.get(m.len()..).unwrap_or("");
    let tail_ok = tail.is_empty() || (tail.starts_with(':') && tail.len() == 3);
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !tail_ok || !(m.is_empty() && token.ends_with('h') || digits(m)) {
        return None;
    }
    let hour: u8 = h.parse().ok()?;
    let minute: u8 = if m.is_empty() { 0 } else { m.parse().ok()? };
    (hour < 24 && minute < 60 && m.len() != 1).then_some((hour, minute))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: u16, month: u8, day: u8) -> Published {
        Published {
            year,
            month,
            day: Some(day),
            time: None,
        }
    }

    fn at(date: Published, h: u8, m: u8) -> Published {
        Published {
            time: Some((h, m)),
            ..date
        }
    }

    #[test]
    fn reads_dates_in_every_language() {
        let cases = [
            ("15 February 2021 – 17:34", at(day(2021, 2, 15), 17, 34)),
            ("February 15, 2021", day(2021, 2, 15)),
            (
                "Monday, March 7, 2022 at 5:20 pm",
                at(day(2022, 3, 7), 17, 20),
            ),
            ("13. Februar 2021", day(2021, 2, 13)),
            (
                "Sonntag, 13. Februar 2022, 09:15 Uhr",
                at(day(2022, 2, 13), 9, 15),
            ),
            ("3 marzo 2022", day(2022, 3, 3)),
            ("lunedì 7 marzo 2022 alle 18.05", at(day(2022, 3, 7), 18, 5)),
            ("le 4 mars 2022", day(2022, 3, 4)),
            ("1er août 2023 à 14h30", at(day(2023, 8, 1), 14, 30)),
            ("4 de marzo de 2022", day(2022, 3, 4)),
            (
                "viernes, 4 de marzo de 2022 - 10:00",
                at(day(2022, 3, 4), 10, 0),
            ),
            ("2022-03-04", day(2022, 3, 4)),
            ("2022-03-04T08:09:10Z", at(day(2022, 3, 4), 8, 9)),
            ("04.03.2022", day(2022, 3, 4)),
            ("04.03.2022 12:00", at(day(2022, 3, 4), 12, 0)),
        ];
        for (line, want) in cases {
            assert_eq!(date_line(line), Some(want), "{line}");
        }
        assert_eq!(
            date_line("March 2022"),
            Some(Published {
                year: 2022,
                month: 3,
                day: None,
                time: None
            })
        );
    }

    #[test]
    fn sentences_and_impossible_dates_are_not_dates() {
        for line in [
            "3 marzo 2022 il governo ha deciso",
            "On 15 February 2021 Musk wrote",
            "2021",
            "February",
            "31 February 2021",
            "2021-13-01",
            "15 February 2021 – 25:00",
            "15 16 February 2021",
            "Quelle: CNN",
            "",
        ] {
            assert_eq!(date_line(line), None, "{line}");
        }
    }

    #[test]
    fn the_title_token_is_split_off() {
        let (date, title) = title_date(" date 2021-02 Ein Titel über Dinge");
        assert_eq!(title, "Ein Titel über Dinge");
        assert_eq!(
            date.map(|d| (d.year, d.month, d.precision())),
            Some((2021, 2, 1))
        );
        assert_eq!(title_date("date night in Paris").1, "date night in Paris");
        assert_eq!(title_date("Plain title").0, None);
    }
}
