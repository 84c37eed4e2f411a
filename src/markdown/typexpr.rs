//! The type cells of model docs, in both dialects, parsed into a small expression tree.
//!
//! TypeScript: `*string*`, `*number*`, `*boolean*`, `*Date*`, `*any*`, `*Record<string, T>*`, `T[]`,
//! `Array<T>`, `A \| B`, `"literal"`, links `[components.X](../x.md)`. Python: `str`, `int`, `float`,
//! `bool`, `datetime`, `date`, `Any`, `List[T]`, `Dict[str, T]`, `Optional[T]`, `Nullable[T]`,
//! `OptionalNullable[T]`, `Literal["x"]`, `Union[A, B]`, `models.X`. Go (Speakeasy's Go SDK docs):
//! `*string*`, `**int64*` (a pointer: optional), `[]*float64*`, `[][shared.X](../x.md)`,
//! `map[string]*int64*`, `map[string]*interface{}*`, `any`, `*[]byte*`, `time.Time`, `types.Date`,
//! links through pointers `[*shared.X](../x.md)`. Emphasis and code marks are ignored (so a Go
//! pointer's `*` is too: optionality comes from the Required column); a link's text is itself a type
//! whose named part is resolved by the link's target; a link to an `http(s)://` URL is
//! [`TypeExpr::External`].

/// A parsed type cell.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeExpr {
    /// Text.
    String,
    /// A whole number (`int`, `bigint`).
    Integer,
    /// A float (`float`).
    Float,
    /// TypeScript's `number`: integer or float, decided from examples.
    Number,
    /// `true`/`false`.
    Boolean,
    /// A date and time (`Date`, `datetime`).
    DateTime,
    /// A date (`date`).
    Date,
    /// Any JSON value.
    Any,
    /// Bytes (`bytes`, `Uint8Array`, `Blob`, `IO[bytes]`...).
    Binary,
    /// `null` / `None`.
    Null,
    /// A literal value (`"entry"`, `true`, `1`).
    Literal(serde_json::Value),
    /// Another model, by written name and by link target when there is one.
    Ref {
        /// The name as written (`components.SignInToken`, `models.ActorToken`).
        name: String,
        /// The link target, relative to the page (`../../models/components/signintoken.md`).
        link: Option<String>,
    },
    /// A list.
    Array(Box<TypeExpr>),
    /// A string-keyed map.
    Map(Box<TypeExpr>),
    /// One of several types.
    Union(Vec<TypeExpr>),
    /// Python's `Optional[T]` (may be absent).
    Optional(Box<TypeExpr>),
    /// Python's `Nullable[T]` (may be `null`).
    Nullable(Box<TypeExpr>),
    /// A link out of the docs (`[*http.Response](https://pkg.go.dev/net/http#Response)`): a type
    /// the docs do not describe.
    External {
        /// The link text.
        text: String,
        /// The URL.
        url: String,
    },
}

impl TypeExpr {
    /// Whether the expression names a model anywhere inside (a [`TypeExpr::Ref`]).
    fn names_a_model(&self) -> bool {
        match self {
            TypeExpr::Ref { .. } | TypeExpr::External { .. } => true,
            TypeExpr::Array(inner) | TypeExpr::Map(inner) | TypeExpr::Optional(inner) | TypeExpr::Nullable(inner) => inner.names_a_model(),
            TypeExpr::Union(members) => members.iter().any(TypeExpr::names_a_model),
            _ => false,
        }
    }
}

/// Parses a type cell; the error says what was expected and at which character.
pub fn parse(cell: &str) -> Result<TypeExpr, String> {
    let chars: Vec<char> = cell.chars().collect();
    let mut parser = Parser { chars: &chars, pos: 0, link: None };
    let expr = parser.union()?;
    parser.skip();
    if parser.pos < chars.len() {
        return Err(format!("unexpected `{}` at character {} of type `{cell}`", chars[parser.pos], parser.pos + 1));
    }
    Ok(expr)
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    /// The target of the link being parsed, given to the names inside its text.
    link: Option<String>,
}

impl Parser<'_> {
    /// Skips blanks and markdown emphasis/code marks.
    fn skip(&mut self) {
        while self.pos < self.chars.len() && matches!(self.chars[self.pos], ' ' | '\t' | '*' | '`' | '\\' | '_' if self.not_identifier_underscore()) {
            self.pos += 1;
        }
    }

    /// `_` is emphasis only when it does not start an identifier.
    fn not_identifier_underscore(&self) -> bool {
        self.chars[self.pos] != '_' || !self.chars.get(self.pos + 1).is_some_and(|c| c.is_alphanumeric())
    }

    fn peek(&mut self) -> Option<char> {
        self.skip();
        self.chars.get(self.pos).copied()
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        match self.peek() {
            Some(found) if found == c => {
                self.pos += 1;
                Ok(())
            }
            Some(found) => Err(format!("expected `{c}` at character {}, found `{found}`", self.pos + 1)),
            None => Err(format!("expected `{c}` at the end of the type")),
        }
    }

    fn union(&mut self) -> Result<TypeExpr, String> {
        let mut members = vec![self.postfix()?];
        while self.peek() == Some('|') {
            self.pos += 1;
            members.push(self.postfix()?);
        }
        Ok(if members.len() == 1 { members.remove(0) } else { TypeExpr::Union(members) })
    }

    fn postfix(&mut self) -> Result<TypeExpr, String> {
        let expr = self.primary()?;
        Ok(self.postfix_of(expr))
    }

    fn primary(&mut self) -> Result<TypeExpr, String> {
        match self.peek() {
            None => Err("expected a type, found nothing".into()),
            Some('(') => {
                self.pos += 1;
                let inner = self.union()?;
                self.expect(')')?;
                Ok(inner)
            }
            Some('[') if self.slice_prefix() => {
                let element = self.primary()?;
                Ok(match element {
                    TypeExpr::Ref { ref name, .. } if name == "byte" || name == "uint8" => TypeExpr::Binary,
                    other => TypeExpr::Array(Box::new(other)),
                })
            }
            Some('[') => self.link(),
            Some('{') => self.index_signature(),
            Some('"') | Some('\'') => self.string_literal(),
            Some(c) if c.is_ascii_digit() || c == '-' => self.number_literal(),
            Some(c) if c.is_alphabetic() || c == '_' => self.named(),
            Some(c) => Err(format!("unexpected `{c}` at character {}", self.pos + 1)),
        }
    }

    /// Go's `[]T`: consumes `[]` (blanks allowed between) when the `[` at the position opens one.
    fn slice_prefix(&mut self) -> bool {
        let save = self.pos;
        self.pos += 1;
        if self.peek() == Some(']') {
            self.pos += 1;
            return true;
        }
        self.pos = save;
        false
    }

    /// `[text](target)`: the text is a type whose names resolve to `target`.
    fn link(&mut self) -> Result<TypeExpr, String> {
        let open = self.pos;
        let mut depth = 0;
        let mut close = None;
        for i in open..self.chars.len() {
            match self.chars[i] {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let close = close.ok_or_else(|| format!("unclosed `[` at character {}", open + 1))?;
        if self.chars.get(close + 1) != Some(&'(') {
            return Err(format!("expected a link `[type](target.md)` at character {}", open + 1));
        }
        let end = (close + 2..self.chars.len())
            .find(|&i| self.chars[i] == ')')
            .ok_or_else(|| format!("unclosed link target at character {}", close + 2))?;
        let target: String = self.chars[close + 2..end].iter().collect();
        let text = &self.chars[open + 1..close];
        let target = target.trim();
        if target.starts_with("http://") || target.starts_with("https://") {
            // A language's own type linked to its reference (`[Date](https://developer.mozilla.org/...)`,
            // `[date](https://docs.python.org/...)`) is that type; a name the docs do not describe
            // (`[*http.Response](https://pkg.go.dev/...)`) is outside them.
            self.pos = end + 1;
            let mut inner = Parser { chars: text, pos: 0, link: None };
            let builtin = inner.union().ok().filter(|expr| {
                inner.skip();
                inner.pos == text.len() && !expr.names_a_model()
            });
            return Ok(
                builtin.unwrap_or_else(|| TypeExpr::External { text: text.iter().collect::<String>().trim().to_string(), url: target.to_string() })
            );
        }
        let mut inner = Parser { chars: text, pos: 0, link: Some(target.to_string()) };
        let expr = inner.union()?;
        inner.skip();
        if inner.pos < text.len() {
            return Err(format!("unexpected `{}` in link text at character {}", text[inner.pos], open + 2 + inner.pos));
        }
        self.pos = end + 1;
        Ok(expr)
    }

    /// TypeScript's `{ [k: string]: T }`: a map of `T`.
    fn index_signature(&mut self) -> Result<TypeExpr, String> {
        self.expect('{')?;
        self.expect('[')?;
        self.identifier_after_skip();
        self.expect(':')?;
        self.union()?;
        self.expect(']')?;
        self.expect(':')?;
        let value = self.union()?;
        if self.peek() == Some(';') {
            self.pos += 1;
        }
        self.expect('}')?;
        Ok(TypeExpr::Map(Box::new(value)))
    }

    fn identifier_after_skip(&mut self) -> String {
        self.skip();
        self.identifier()
    }

    fn string_literal(&mut self) -> Result<TypeExpr, String> {
        let quote = self.chars[self.pos];
        let start = self.pos + 1;
        let end =
            (start..self.chars.len()).find(|&i| self.chars[i] == quote).ok_or_else(|| format!("unclosed string at character {}", self.pos + 1))?;
        self.pos = end + 1;
        Ok(TypeExpr::Literal(serde_json::Value::String(self.chars[start..end].iter().collect())))
    }

    fn number_literal(&mut self) -> Result<TypeExpr, String> {
        let start = self.pos;
        self.pos += 1;
        while self.pos < self.chars.len() && (self.chars[self.pos].is_ascii_digit() || self.chars[self.pos] == '.') {
            self.pos += 1;
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|_| format!("`{text}` at character {} is not a number", start + 1))?;
        Ok(TypeExpr::Literal(value))
    }

    fn identifier(&mut self) -> String {
        let start = self.pos;
        while self.pos < self.chars.len() && (self.chars[self.pos].is_alphanumeric() || matches!(self.chars[self.pos], '_' | '.')) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect::<String>().trim_end_matches('.').to_string()
    }

    /// Arguments of `Name<...>` or `Name[...]`, when present.
    fn arguments(&mut self) -> Result<Option<Vec<TypeExpr>>, String> {
        let save = self.pos;
        let close = match self.peek() {
            Some('<') => '>',
            Some('[') => {
                self.pos += 1;
                let empty = self.peek() == Some(']');
                self.pos = save;
                if empty {
                    return Ok(None);
                }
                ']'
            }
            _ => {
                self.pos = save;
                return Ok(None);
            }
        };
        self.skip();
        self.pos += 1;
        let mut args = vec![self.union()?];
        while self.peek() == Some(',') {
            self.pos += 1;
            args.push(self.union()?);
        }
        self.expect(close)?;
        Ok(Some(args))
    }

    /// Go's `map[K]V` and `interface{}`, which read on from `name`.
    fn go_builtin(&mut self, name: &str) -> Result<Option<TypeExpr>, String> {
        let save = self.pos;
        match name {
            "map" if self.peek() == Some('[') => {
                self.pos += 1;
                self.union()?;
                self.expect(']')?;
                let value = self.primary()?;
                let value = self.postfix_of(value);
                Ok(Some(TypeExpr::Map(Box::new(value))))
            }
            "interface" if self.peek() == Some('{') => {
                self.pos += 1;
                self.expect('}')?;
                Ok(Some(TypeExpr::Any))
            }
            _ => {
                self.pos = save;
                Ok(None)
            }
        }
    }

    /// TypeScript's `T[]` suffixes after an already parsed `expr`.
    fn postfix_of(&mut self, mut expr: TypeExpr) -> TypeExpr {
        loop {
            let save = self.pos;
            if self.peek() == Some('[') {
                self.pos += 1;
                if self.peek() == Some(']') {
                    self.pos += 1;
                    expr = TypeExpr::Array(Box::new(expr));
                    continue;
                }
            }
            self.pos = save;
            return expr;
        }
    }

    fn named(&mut self) -> Result<TypeExpr, String> {
        let start = self.pos;
        let name = self.identifier();
        if let Some(go) = self.go_builtin(&name)? {
            return Ok(go);
        }
        let args = self.arguments()?;
        let one = |args: &Option<Vec<TypeExpr>>, what: &str| -> Result<TypeExpr, String> {
            match args.as_deref() {
                Some([single]) => Ok(single.clone()),
                Some([.., last]) if what == "map" => Ok(last.clone()),
                _ => Err(format!("`{name}` at character {} expects one type argument", start + 1)),
            }
        };
        let expr = match (name.as_str(), &args) {
            ("string" | "str" | "String", None) => TypeExpr::String,
            ("number", None) => TypeExpr::Number,
            ("int" | "integer" | "bigint" | "BigInt", None) => TypeExpr::Integer,
            ("int8" | "int16" | "int32" | "int64" | "uint" | "uint16" | "uint32" | "uint64" | "big.Int", None) => TypeExpr::Integer,
            ("float" | "Decimal" | "decimal" | "float32" | "float64" | "big.Float" | "decimal.Big", None) => TypeExpr::Float,
            ("time.Time", None) => TypeExpr::DateTime,
            ("types.Date" | "types.RFCDate", None) => TypeExpr::Date,
            ("io.Reader" | "io.ReadCloser" | "os.File", None) => TypeExpr::Binary,
            ("boolean" | "bool", None) => TypeExpr::Boolean,
            ("true" | "True", None) => TypeExpr::Literal(true.into()),
            ("false" | "False", None) => TypeExpr::Literal(false.into()),
            ("Date" | "datetime" | "datetime.datetime", None) => TypeExpr::DateTime,
            ("date" | "datetime.date" | "RFCDate", None) => TypeExpr::Date,
            ("any" | "Any" | "unknown" | "object" | "dict" | "Dict" | "Record", None) => TypeExpr::Any,
            ("null" | "None" | "undefined", None) => TypeExpr::Null,
            ("bytes" | "Uint8Array" | "ArrayBuffer" | "Blob" | "File" | "ReadableStream" | "io.IOBase" | "IOBase", _) => TypeExpr::Binary,
            ("IO" | "BinaryIO", _) => TypeExpr::Binary,
            ("Record" | "Dict" | "dict" | "Mapping", Some(_)) => TypeExpr::Map(Box::new(one(&args, "map")?)),
            ("Array" | "List" | "list" | "Sequence" | "ReadonlyArray", Some(_)) => TypeExpr::Array(Box::new(one(&args, "")?)),
            ("Optional", Some(_)) => TypeExpr::Optional(Box::new(one(&args, "")?)),
            ("Nullable" | "nullable.Nullable", Some(_)) => TypeExpr::Nullable(Box::new(one(&args, "")?)),
            ("OptionalNullable" | "optionalnullable.OptionalNullable", Some(_)) => {
                TypeExpr::Optional(Box::new(TypeExpr::Nullable(Box::new(one(&args, "")?))))
            }
            ("Promise" | "EventStream" | "AsyncIterable", Some(_)) => one(&args, "")?,
            ("Union", Some(members)) => TypeExpr::Union(members.clone()),
            ("Literal", Some(members)) => match members.as_slice() {
                [single] => single.clone(),
                _ => TypeExpr::Union(members.clone()),
            },
            (_, None) if name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') => {
                TypeExpr::Ref { name: name.clone(), link: self.link.clone() }
            }
            _ => return Err(format!("unknown type `{name}` at character {}", start + 1)),
        };
        Ok(expr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TypeExpr::*;

    fn r(name: &str, link: &str) -> TypeExpr {
        Ref { name: name.into(), link: Some(link.into()) }
    }

    #[test]
    fn typescript_cells() {
        assert_eq!(parse("*string*"), Ok(String));
        assert_eq!(parse("*number*[]"), Ok(Array(Box::new(Number))));
        assert_eq!(parse("Record<string, *any*>"), Ok(Map(Box::new(Any))));
        assert_eq!(parse("[components.X](../x.md)[]"), Ok(Array(Box::new(r("components.X", "../x.md")))));
        assert_eq!(
            parse("[components.A](a.md) | [components.B](b.md) | *null*"),
            Ok(Union(vec![r("components.A", "a.md"), r("components.B", "b.md"), Null]))
        );
        assert_eq!(parse("*\"entry\"*"), Ok(Literal("entry".into())));
        assert_eq!(parse("Array<Record<string, *number*>>"), Ok(Array(Box::new(Map(Box::new(Number))))));
        assert_eq!(parse("*Date*"), Ok(DateTime));
        assert_eq!(parse("`{ [k: string]: any }`"), Ok(Map(Box::new(Any))));
    }

    #[test]
    fn python_cells() {
        assert_eq!(parse("*Optional[str]*"), Ok(Optional(Box::new(String))));
        assert_eq!(
            parse("[OptionalNullable[models.X]](../models/x.md)"),
            Ok(Optional(Box::new(Nullable(Box::new(r("models.X", "../models/x.md"))))))
        );
        assert_eq!(parse("List[[models.X](x.md)]"), Ok(Array(Box::new(r("models.X", "x.md")))));
        assert_eq!(parse("Dict[str, *Any*]"), Ok(Map(Box::new(Any))));
        assert_eq!(parse("*Union[bytes, IO[bytes], io.IOBase]*"), Ok(Union(vec![Binary, Binary, Binary])));
        assert_eq!(parse("*Optional[Literal[\"a\"]]*"), Ok(Optional(Box::new(Literal("a".into())))));
        assert_eq!(parse("`*int*`"), Ok(Integer));
    }

    #[test]
    fn go_cells() {
        assert_eq!(parse("**float64*"), Ok(Float));
        assert_eq!(parse("*int64*"), Ok(Integer));
        assert_eq!(parse("[]*string*"), Ok(Array(Box::new(String))));
        assert_eq!(parse("[][shared.X](../x.md)"), Ok(Array(Box::new(r("shared.X", "../x.md")))));
        assert_eq!(parse("[*shared.X](../x.md)"), Ok(r("shared.X", "../x.md")));
        assert_eq!(parse("map[string]*int64*"), Ok(Map(Box::new(Integer))));
        assert_eq!(parse("map[string]*interface{}*"), Ok(Map(Box::new(Any))));
        assert_eq!(parse("map[string][]*string*"), Ok(Map(Box::new(Array(Box::new(String))))));
        assert_eq!(parse("[]map[string]*float64*"), Ok(Array(Box::new(Map(Box::new(Float))))));
        assert_eq!(parse("*[]byte*"), Ok(Binary));
        assert_eq!(parse("[][]int64"), Ok(Array(Box::new(Array(Box::new(Integer))))));
        assert_eq!(parse("*time.Time*"), Ok(DateTime));
        assert_eq!(parse("**types.Date*"), Ok(Date));
        assert_eq!(parse("*types.RFCDate*"), Ok(Date));
        assert_eq!(parse("*any*"), Ok(Any));
        // Newer Speakeasy Go SDKs state nullability with a generic wrapper.
        assert_eq!(parse("*optionalnullable.OptionalNullable[string]*"), Ok(Optional(Box::new(Nullable(Box::new(String))))));
        assert_eq!(
            parse("[*http.Response](https://pkg.go.dev/net/http#Response)"),
            Ok(External { text: "*http.Response".into(), url: "https://pkg.go.dev/net/http#Response".into() })
        );
        assert_eq!(parse("[Date](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Date)"), Ok(DateTime));
        assert_eq!(parse("[date](https://docs.python.org/3/library/datetime.html#date-objects)"), Ok(Date));
    }

    #[test]
    fn errors_say_where() {
        assert!(parse("List[str").unwrap_err().contains("expected `]`"));
        assert!(parse("[X]").unwrap_err().contains("expected a link"));
        assert!(parse("str str").unwrap_err().contains("character 5"));
        assert!(parse("").unwrap_err().contains("found nothing"));
        assert!(parse("%%").unwrap_err().contains("unexpected `%`"));
    }
}
