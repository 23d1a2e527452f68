//! Numbers and dates written with digits: `47.000`, `47,000` and `47 000` are one number, `3,5`
//! is `3.5`, `13.02.2021`, `17.3.` and `3月17日` are days of the year.
//!
//! The digits of a number go into one buffer reused from number to number, its groups are
//! ranges of that buffer: reading a number allocates only when it is a new feature.

use super::Builder;
use super::chars::NUMERIC;
use crate::stories::fold::fold_into;

/// A group of digits in [`Builder::digits`] and the separator after it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Group {
    start: usize,
    end: usize,
    separator: Option<char>,
}

impl Group {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

impl Builder {
    fn is_numeric(&self, c: char) -> bool {
        c.is_ascii_digit() || (!c.is_ascii() && self.t.class(c) & NUMERIC != 0)
    }

    /// Reads the number starting at `at`, records it, and returns where it ends.
    pub(super) fn number(&mut self, text: &str, at: usize) -> usize {
        self.digits.clear();
        self.groups.clear();
        let rest = text.get(at..).unwrap_or("");
        let mut group_start = 0;
        let mut end = at;
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_ascii_digit() {
                self.digits.push(c);
                end = at + i + 1;
                continue;
            }
            if self.is_numeric(c) {
                // Another script's digit counts as the digit it folds to.
                let before = self.digits.len();
                fold_into(c.encode_utf8(&mut [0; 4]), &mut self.digits);
                let added = self.digits.get(before..).unwrap_or("");
                if added.len() != 1 || !added.bytes().all(|b| b.is_ascii_digit()) {
                    self.digits.truncate(before);
                    break;
                }
                end = at + i + c.len_utf8();
                continue;
            }
            let separator = matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’');
            let digit_follows = chars.peek().is_some_and(|&(_, n)| self.is_numeric(n));
            let has_digits = self.digits.len() > group_start;
            if separator && digit_follows && has_digits {
                self.push_group(&mut group_start, Some(c));
                continue;
            }
            if c == '.' && has_digits {
                // A trailing dot, as in a day "17.3.", is kept as a mark on the last group.
                self.push_group(&mut group_start, Some('.'));
                end = at + i + 1;
            }
            break;
        }
        if self.digits.len() > group_start {
            self.push_group(&mut group_start, None);
        }
        if end == at {
            // A numeric character that is not a digit (a fraction, a Roman numeral).
            return at + rest.chars().next().map_or(1, char::len_utf8);
        }
        if let [only] = self.groups.as_slice()
            && only.separator.is_none()
            && let Some(month) = self
                .digits
                .get(only.start..only.end)
                .and_then(|m| m.parse::<u8>().ok())
                .filter(|m| (1..=12).contains(m))
            && let Some(date_end) = self.east_asian_date(text, month, end)
        {
            return date_end;
        }
        self.read_groups();
        end
    }

    fn push_group(&mut self, start: &mut usize, separator: Option<char>) {
        self.groups.push(Group {
            start: *start,
            end: self.digits.len(),
            separator,
        });
        *start = self.digits.len();
    }

    /// `3月17日` and `3월 17일`: a month number, the month sign, a day number, the day sign.
    fn east_asian_date(&mut self, text: &str, month: u8, end: usize) -> Option<usize> {
        let rest = text.get(end..)?;
        let after = rest
            .strip_prefix('月')
            .or_else(|| rest.strip_prefix('월'))?;
        let trimmed = after.trim_start();
        let digits = trimmed.len()
            - trimmed
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let day: Option<u8> = trimmed.get(..digits).and_then(|d| d.parse().ok());
        let tail = trimmed.get(digits..).unwrap_or("");
        let consumed = text.len() - after.len();
        match day.filter(|d| (1..=31).contains(d)) {
            Some(day) if tail.starts_with('日') || tail.starts_with('일') => {
                self.dates.insert(format!("{month:02}-{day:02}"));
                Some(text.len() - tail.len() + '日'.len_utf8())
            }
            _ => Some(consumed),
        }
    }

    /// A day and month, one number written with separators, a decimal, or several numbers.
    fn read_groups(&mut self) {
        let groups = std::mem::take(&mut self.groups);
        let digits = std::mem::take(&mut self.digits);
        self.read_groups_of(&groups, &digits);
        self.groups = groups;
        self.digits = digits;
    }

    fn read_groups_of(&mut self, groups: &[Group], digits: &str) {
        let text = |g: &Group| digits.get(g.start..g.end).unwrap_or("");
        let (Some(first), Some(last)) = (groups.first(), groups.last()) else {
            return;
        };
        let dotted = groups
            .iter()
            .all(|g| matches!(g.separator, Some('.') | None));
        // 13.02.2021 or 17.3. : a day and a month.
        if dotted && let [day, month, rest @ ..] = groups {
            let year_ok = match rest {
                [] => true,
                [year] => year.len() == 4,
                _ => false,
            };
            let closed = !rest.is_empty() || month.separator == Some('.');
            let day_value = text(day).parse::<u8>().unwrap_or(0);
            let month_value = text(month).parse::<u8>().unwrap_or(0);
            if rest.len() <= 1
                && day.len() <= 2
                && month.len() <= 2
                && (1..=31).contains(&day_value)
                && (1..=12).contains(&month_value)
                && year_ok
                && closed
            {
                self.dates
                    .insert(format!("{month_value:02}-{day_value:02}"));
                return;
            }
        }
        let thousands = groups.len() > 1
            && first.len() <= 3
            && groups.iter().skip(1).all(|g| g.len() == 3)
            && groups
                .iter()
                .take(groups.len() - 1)
                .all(|g| g.separator == first.separator);
        if thousands {
            // The groups are consecutive in the buffer: the number is all its digits.
            self.add_number(digits.get(first.start..last.end).unwrap_or(""));
            return;
        }
        if let [whole, fraction] = groups
            && matches!(whole.separator, Some('.' | ','))
            && fraction.separator.is_none()
        {
            let mut decimal = std::mem::take(&mut self.scratch);
            decimal.clear();
            decimal.push_str(text(whole));
            decimal.push('.');
            decimal.push_str(text(fraction));
            self.add_number(&decimal);
            self.scratch = decimal;
            return;
        }
        for g in groups {
            self.add_number(text(g));
        }
    }

    fn add_number(&mut self, number: &str) {
        let digits = number.bytes().filter(u8::is_ascii_digit).count();
        if digits >= 2 {
            if self.in_title {
                super::insert(&mut self.salient, number);
            }
            super::update(&mut self.numbers, number, |n| *n += 1);
        }
    }
}
