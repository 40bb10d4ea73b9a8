//! Printing for the CLI, in one place: a command hands over its records (or
//! its one record and how to say it in words) and the flags pick an aligned
//! table, JSON or CSV. Every human-readable line is cleaned of control and
//! bidi characters ([`crate::sanitize`]); JSON is printed exactly.

use super::args::{ListOutputArgs, OutputArgs};
use super::failure::{usage, CliFailure};
use crate::sanitize;
use serde::Serialize;
use std::future::Future;

/// What the flags ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

impl OutputArgs {
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            Format::Table
        }
    }
}

impl ListOutputArgs {
    pub fn format(&self) -> Format {
        match (self.json, self.csv) {
            (true, _) => Format::Json,
            (false, true) => Format::Csv,
            (false, false) => Format::Table,
        }
    }
}

/// A kind of record printed one per line of a table or CSV.
pub trait Record {
    /// The table's column titles.
    const HEADERS: &'static [&'static str];
    /// The table's cells, formatted for reading (grouped money, labels).
    fn cells(&self) -> Vec<String>;
    /// CSV column names: the table's unless a kind says otherwise.
    const CSV_HEADERS: &'static [&'static str] = Self::HEADERS;
    /// CSV cells (exact decimals, ISO dates): the table's unless overridden.
    fn csv_cells(&self) -> Vec<String> {
        self.cells()
    }
}

impl Format {
    /// Records that print themselves: JSON is the records as the API
    /// encodes them; the table and CSV are their cells.
    pub fn list<T: Record + Serialize>(self, records: &[T]) -> Result<String, CliFailure> {
        match self {
            Format::Json => json(records),
            _ => self.rows(records),
        }
    }

    /// Records printed through views that need more than the record (names
    /// looked up on the backend); the views are built only for a table or
    /// CSV, so `--json` costs no extra request.
    pub async fn list_via<J, R, F, Fut>(self, records: &J, views: F) -> Result<String, CliFailure>
    where
        J: Serialize + ?Sized,
        R: Record,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Vec<R>>,
    {
        match self {
            Format::Json => json(records),
            _ => self.rows(&views().await),
        }
    }

    /// One record: JSON as is, else `words` (a `show` page, a notice).
    /// A single record has no CSV form: it is said in words too.
    pub fn one<T: Serialize + ?Sized>(
        self,
        record: &T,
        words: impl FnOnce(&T) -> String,
    ) -> Result<String, CliFailure> {
        match self {
            Format::Json => json(record),
            _ => Ok(sanitize::text(&words(record)).into_owned()),
        }
    }

    /// As [`Format::one`], when the words need a look-up first.
    pub async fn one_via<T, F, Fut>(self, record: &T, words: F) -> Result<String, CliFailure>
    where
        T: Serialize + ?Sized,
        F: FnOnce() -> Fut,
        Fut: Future<Output = String>,
    {
        match self {
            Format::Json => json(record),
            _ => Ok(sanitize::text(&words().await).into_owned()),
        }
    }

    fn rows<R: Record>(self, rows: &[R]) -> Result<String, CliFailure> {
        match self {
            Format::Csv => crate::export::csv_table(R::CSV_HEADERS, rows.iter().map(R::csv_cells))
                .map_err(|e| usage(format!("cannot write CSV: {e}"))),
            _ => Ok(table(
                R::HEADERS,
                &rows.iter().map(R::cells).collect::<Vec<_>>(),
            )),
        }
    }
}

/// Rows as an aligned table with a header; each cell is one clean line.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| sanitize::line(c).into_owned()).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<&str>, out: &mut String| {
        let mut parts = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths
                .get(i)
                .map_or(0, |w| w.saturating_sub(c.chars().count()));
            parts.push(format!("{c}{}", " ".repeat(pad)));
        }
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(headers.to_vec(), &mut out);
    for row in &rows {
        line(row.iter().map(String::as_str).collect(), &mut out);
    }
    out
}

/// Pretty JSON with the API's field names and encodings.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, CliFailure> {
    serde_json::to_string_pretty(value).map_err(|e| usage(format!("cannot encode JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Pet {
        name: String,
        debt: i64,
    }

    impl Record for Pet {
        const HEADERS: &'static [&'static str] = &["NAME", "DEBT"];
        fn cells(&self) -> Vec<String> {
            vec![self.name.clone(), format!("{} EUR", self.debt)]
        }
        const CSV_HEADERS: &'static [&'static str] = &["name", "debt"];
        fn csv_cells(&self) -> Vec<String> {
            vec![self.name.clone(), self.debt.to_string()]
        }
    }

    fn pets() -> Vec<Pet> {
        vec![
            Pet {
                name: "Rex\x1b[2J\x1b]0;PWNED\x07".into(),
                debt: -12,
            },
            Pet {
                name: "=cmd|' /C calc'!A0".into(),
                debt: 3,
            },
        ]
    }

    #[test]
    fn aligns_columns() {
        let t = table(
            &["ID", "NAME"],
            &[
                vec!["1".into(), "Acme".into()],
                vec!["22".into(), "B".into()],
            ],
        );
        assert_eq!(t, "ID  NAME\n1   Acme\n22  B\n");
    }

    #[test]
    fn a_table_holds_clean_cells_aligned_on_what_is_shown() {
        let t = Format::Table.list(&pets()).ok().unwrap();
        assert_eq!(
            t,
            "NAME                DEBT\nRex[2J]0;PWNED      -12 EUR\n=cmd|' /C calc'!A0  3 EUR\n"
        );
    }

    #[test]
    fn csv_neutralises_formulas_but_not_numbers() {
        let c = Format::Csv.list(&pets()).ok().unwrap();
        assert_eq!(c, "name,debt\nRex[2J]0;PWNED,-12\n'=cmd|' /C calc'!A0,3\n");
    }

    #[test]
    fn json_is_exact() {
        let j = Format::Json.list(&pets()).ok().unwrap();
        let back: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(back[0]["name"], "Rex\x1b[2J\x1b]0;PWNED\x07");
        assert_eq!(back[1]["debt"], 3);
    }

    #[test]
    fn one_record_in_words_is_cleaned_but_keeps_its_lines() {
        let p = &pets()[0];
        let s = Format::Table
            .one(p, |p| format!("{}\n  debt: {}\n", p.name, p.debt))
            .ok()
            .unwrap();
        assert_eq!(s, "Rex[2J]0;PWNED\n  debt: -12\n");
        let j = Format::Json.one(p, |_| unreachable!()).ok().unwrap();
        assert!(j.contains("\\u001b[2J"), "{j}");
    }

    #[tokio::test]
    async fn views_are_built_only_when_shown() {
        let records = pets();
        let built = std::cell::Cell::new(0);
        let views = || async {
            built.set(built.get() + 1);
            pets()
        };
        let j = Format::Json.list_via(&records, views).await.ok().unwrap();
        assert!(j.starts_with('['));
        assert_eq!(built.get(), 0);
        let t = Format::Table.list_via(&records, views).await.ok().unwrap();
        assert!(t.starts_with("NAME"));
        assert_eq!(built.get(), 1);
    }

    #[test]
    fn flags_pick_the_format() {
        let list = |json, csv| ListOutputArgs { json, csv }.format();
        assert_eq!(list(false, false), Format::Table);
        assert_eq!(list(false, true), Format::Csv);
        assert_eq!(list(true, false), Format::Json);
        assert_eq!(OutputArgs { json: true }.format(), Format::Json);
        assert_eq!(OutputArgs { json: false }.format(), Format::Table);
    }
}
