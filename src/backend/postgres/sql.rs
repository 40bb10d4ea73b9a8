//! A tiny SQL builder: text with numbered parameters bound as it grows, so
//! filters never splice user input into the statement.

use tokio_postgres::types::ToSql;

pub type Param = Box<dyn ToSql + Sync + Send>;

#[derive(Default)]
pub struct Sql {
    pub text: String,
    params: Vec<Param>,
}

impl Sql {
    pub fn new(text: impl Into<String>) -> Self {
        Sql {
            text: text.into(),
            params: Vec::new(),
        }
    }

    pub fn push(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }

    /// Binds a value and returns its placeholder (`$n`).
    pub fn bind<T: ToSql + Sync + Send + 'static>(&mut self, v: T) -> String {
        self.params.push(Box::new(v));
        format!("${}", self.params.len())
    }

    /// Appends `AND <cond>` where `cond` may use placeholders bound before.
    pub fn and(&mut self, cond: &str) -> &mut Self {
        self.text.push_str(" AND ");
        self.text.push_str(cond);
        self
    }

    pub fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.params
            .iter()
            .map(|p| p.as_ref() as &(dyn ToSql + Sync))
            .collect()
    }
}

/// A case-insensitive substring pattern for ILIKE, with `%`, `_` and `\`
/// taken literally.
pub fn contains_pattern(needle: &str) -> String {
    let mut p = String::with_capacity(needle.len() + 2);
    p.push('%');
    for ch in needle.trim().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

/// Adds `(a ILIKE $n OR b ILIKE $n …)` for a non-empty search text.
pub fn text_filter(sql: &mut Sql, text: Option<&str>, columns: &[&str]) {
    let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return;
    };
    let p = sql.bind(contains_pattern(t));
    let ors: Vec<String> = columns.iter().map(|c| format!("{c} ILIKE {p}")).collect();
    sql.and(&format!("({})", ors.join(" OR ")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_count_up() {
        let mut s = Sql::new("SELECT 1 WHERE TRUE");
        let a = s.bind(1i32);
        let b = s.bind("x".to_string());
        s.and(&format!("{a} = {b}"));
        assert_eq!(s.text, "SELECT 1 WHERE TRUE AND $1 = $2");
        assert_eq!(s.params().len(), 2);
    }

    #[test]
    fn like_patterns_are_literal() {
        assert_eq!(contains_pattern(" 50%_off\\ "), "%50\\%\\_off\\\\%");
        let mut s = Sql::new("W TRUE");
        text_filter(&mut s, Some("  "), &["a"]);
        assert_eq!(s.text, "W TRUE");
        text_filter(&mut s, Some("acme"), &["a", "b"]);
        assert_eq!(s.text, "W TRUE AND (a ILIKE $1 OR b ILIKE $1)");
    }
}
