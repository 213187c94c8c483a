//! The tab-separated format of the built-in gazetteer and lexicons.
//!
//! Lines starting with `#` are comments and blank lines are ignored. The
//! first other line is a header naming the columns; each following line is
//! one row. List fields separate their items with `|`.

use crate::error::{DataProblem, Error};

/// One row of a table, with its file name and line number for errors.
#[derive(Debug)]
pub(crate) struct Row<'a> {
    file: &'a str,
    line: usize,
    columns: &'a [&'static str],
    fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// The field in `column`, or `None` when the column is absent or the
    /// field is empty.
    pub(crate) fn get(&self, column: &str) -> Option<&'a str> {
        let i = self.columns.iter().position(|c| *c == column)?;
        self.fields
            .get(i)
            .map(|f| f.trim())
            .filter(|f| !f.is_empty())
    }

    /// The field in `column`, or an error naming the file and line.
    pub(crate) fn required(&self, column: &'static str) -> Result<&'a str, Error> {
        self.get(column)
            .ok_or_else(|| self.error(DataProblem::EmptyField(column)))
    }

    /// The `|`-separated items of `column` (empty when absent); an empty item
    /// is an error.
    pub(crate) fn list(&self, column: &str) -> Result<Vec<&'a str>, Error> {
        match self.get(column) {
            None => Ok(Vec::new()),
            Some(f) => f
                .split('|')
                .map(|item| {
                    let item = item.trim();
                    if item.is_empty() {
                        Err(self.error(DataProblem::EmptyAlias))
                    } else {
                        Ok(item)
                    }
                })
                .collect(),
        }
    }

    /// A number in `column`, or `default` when empty.
    pub(crate) fn number(&self, column: &'static str, default: f32) -> Result<f32, Error> {
        match self.get(column) {
            None => Ok(default),
            Some(v) => v
                .parse::<f32>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or_else(|| self.bad(column, v)),
        }
    }

    /// An error about this row.
    pub(crate) fn error(&self, problem: DataProblem) -> Error {
        Error::data(self.file, self.line, problem)
    }

    /// A `BadValue` error about this row.
    pub(crate) fn bad(&self, column: &'static str, value: &str) -> Error {
        self.error(DataProblem::BadValue {
            column,
            value: value.to_string(),
        })
    }

    /// The 1-based line number.
    pub(crate) fn line(&self) -> usize {
        self.line
    }
}

/// Parses `text` (named `file` in errors) as a table whose header may use
/// only `known` columns and must include `required` ones.
pub(crate) fn parse<'a>(
    file: &'a str,
    text: &'a str,
    known: &'a [&'static str],
    required: &[&'static str],
) -> Result<Vec<Row<'a>>, Error> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((header_line, header)) = lines.next() else {
        return Err(Error::data(file, 0, DataProblem::MissingHeader));
    };
    let mut order: Vec<usize> = Vec::new();
    for name in header.split('\t') {
        let name = name.trim();
        match known.iter().position(|k| *k == name) {
            Some(i) => order.push(i),
            None => {
                return Err(Error::data(
                    file,
                    header_line,
                    DataProblem::UnknownColumn(name.to_string()),
                ))
            }
        }
    }
    for r in required {
        if !order.iter().any(|&i| known[i] == *r) {
            return Err(Error::data(
                file,
                header_line,
                DataProblem::MissingColumn(r),
            ));
        }
    }
    let mut rows = Vec::new();
    for (line, l) in lines {
        let raw: Vec<&str> = l.split('\t').collect();
        if raw.len() > order.len() {
            return Err(Error::data(
                file,
                line,
                DataProblem::TooManyFields {
                    expected: order.len(),
                    found: raw.len(),
                },
            ));
        }
        let mut fields = vec![""; known.len()];
        for (pos, f) in raw.into_iter().enumerate() {
            fields[order[pos]] = f;
        }
        rows.push(Row {
            file,
            line,
            columns: known,
            fields,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: &[&str] = &["id", "name", "aliases"];

    #[test]
    fn header_order_is_free() {
        let rows = parse("t.tsv", "# c\nname\tid\nRussia\tRUS\n", COLS, &["id"]).unwrap();
        assert_eq!(rows[0].get("id"), Some("RUS"));
        assert_eq!(rows[0].get("name"), Some("Russia"));
        assert_eq!(rows[0].get("aliases"), None);
        assert_eq!(rows[0].line(), 3);
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = parse("t.tsv", "id\tname\nA\tB\tC\n", COLS, &["id"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.tsv:2: 3 fields, but the header has 2 columns"
        );
        let err = parse("t.tsv", "id\tcolour\n", COLS, &["id"]).unwrap_err();
        assert!(err.to_string().contains("unknown column `colour`"));
        let rows = parse("t.tsv", "id\taliases\nA\tx||y\n", COLS, &["id"]).unwrap();
        let err = rows[0].list("aliases").unwrap_err();
        assert_eq!(err.to_string(), "t.tsv:2: empty alias in a list");
        assert!(parse("t.tsv", "# only\n\n", COLS, &[]).is_err());
    }
}
