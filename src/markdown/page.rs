//! One markdown page read with a CommonMark + GFM-tables parser into its outline: title, description,
//! and `##` sections holding tables, code blocks, HTML comments and `###` subsections, each with the
//! line it starts on.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// A table as written: header cells and rows of raw cell source (markdown, `\|` unescaped).
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Header cells, trimmed.
    pub header: Vec<String>,
    /// Body rows: (line, cells).
    pub rows: Vec<(usize, Vec<String>)>,
    /// Line of the header row.
    pub line: usize,
    /// Cells the header row has as written (pulldown-cmark pads ragged rows; this does not).
    pub raw_widths: Vec<(usize, usize)>,
}

/// A fenced or indented code block.
#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// The code.
    pub text: String,
    /// Line of the opening fence.
    pub line: usize,
    /// The fence's language (`go`, `python`, `typescript`), empty when none is given.
    pub lang: String,
}

/// Content under one heading.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Heading text (inline markdown source).
    pub title: String,
    /// Line of the heading.
    pub line: usize,
    /// Markdown source of the paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// Tables, in order.
    pub tables: Vec<Table>,
    /// Code blocks, in order.
    pub code: Vec<CodeBlock>,
    /// HTML comments and blocks (`<!-- UsageSnippet ... -->`), with their lines.
    pub html: Vec<(usize, String)>,
    /// `###` subsections (for `##` sections) in order.
    pub subsections: Vec<Section>,
}

/// The outline of a page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// `# Title` text, if the page has one, and its line.
    pub title: Option<(String, usize)>,
    /// Content between the title and the first `##`.
    pub intro: Section,
    /// `##` sections in order.
    pub sections: Vec<Section>,
}

impl Page {
    /// Every section: the intro, the `##` sections and their `###` subsections.
    pub fn all_sections(&self) -> impl Iterator<Item = &Section> {
        std::iter::once(&self.intro).chain(self.sections.iter().flat_map(|s| std::iter::once(s).chain(s.subsections.iter())))
    }

    /// The last `##` section whose title is `name`.
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().rev().find(|s| s.title.trim() == name)
    }
}

/// 1-based line numbers from byte offsets.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        Lines(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

/// Where events currently go.
enum Target {
    Intro,
    Section,
    Subsection,
}

/// The section events currently go to.
fn current<'p>(page: &'p mut Page, target: &Target) -> &'p mut Section {
    let Page { intro, sections, .. } = page;
    match (target, sections.last_mut()) {
        (Target::Section, Some(section)) => section,
        (Target::Subsection, Some(section)) => {
            let n = section.subsections.len();
            if n == 0 {
                section
            } else {
                &mut section.subsections[n - 1]
            }
        }
        _ => intro,
    }
}

/// Parses `text` into its outline.
pub fn parse(text: &str) -> Page {
    let lines = Lines::new(text);
    let mut page = Page::default();
    let mut target = Target::Intro;
    let mut heading: Option<(HeadingLevel, usize, Range<usize>)> = None;
    let mut table: Option<Table> = None;
    let mut row: Option<(usize, Vec<String>)> = None;
    let mut in_head = false;
    let mut code: Option<CodeBlock> = None;

    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, lines.line(range.start), range.clone()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, line, range)) = heading.take() else { continue };
                let source = text[range].trim().trim_start_matches('#').trim().trim_end_matches('#').trim().to_string();
                let section = Section { title: source, line, ..Section::default() };
                match level {
                    HeadingLevel::H1 if page.title.is_none() => {
                        page.title = Some((section.title.clone(), line));
                        target = Target::Intro;
                    }
                    HeadingLevel::H1 | HeadingLevel::H2 => {
                        page.sections.push(section);
                        target = Target::Section;
                    }
                    _ => match page.sections.last_mut() {
                        Some(parent) => {
                            parent.subsections.push(section);
                            target = Target::Subsection;
                        }
                        None => {
                            page.intro.subsections.push(section);
                        }
                    },
                }
            }
            Event::Start(Tag::Paragraph) if heading.is_none() && table.is_none() && code.is_none() => {
                current(&mut page, &target).paragraphs.push(text[range].trim().to_string());
            }
            Event::Text(t) | Event::Code(t) if code.is_some() => {
                if let Some(block) = code.as_mut() {
                    block.text.push_str(&t);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some(CodeBlock { text: String::new(), line: lines.line(range.start), lang });
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(block) = code.take() {
                    current(&mut page, &target).code.push(block);
                }
            }
            Event::Html(html) if table.is_none() => {
                current(&mut page, &target).html.push((lines.line(range.start), html.to_string()));
            }
            Event::Start(Tag::Table(_)) => {
                let line = lines.line(range.start);
                let raw_widths = text[range.clone()]
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(i, l)| (line + i, raw_cell_count(l)))
                    .collect();
                table = Some(Table { line, raw_widths, ..Table::default() });
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    current(&mut page, &target).tables.push(t);
                }
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => row = Some((lines.line(range.start), Vec::new())),
            Event::End(TagEnd::TableRow) => {
                if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                    t.rows.push(r);
                }
            }
            Event::Start(Tag::TableCell) => {
                let cell = text[range].trim().replace("\\|", "|");
                match (in_head, table.as_mut(), row.as_mut()) {
                    (true, Some(t), _) => t.header.push(cell),
                    (false, _, Some(r)) => r.1.push(cell),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    page
}

/// Cells in a table line as written: unescaped `|` separators, outer pipes optional. As in GFM (and
/// pulldown-cmark), a `|` inside backticks separates cells too unless escaped.
fn raw_cell_count(line: &str) -> usize {
    let trimmed = line.trim();
    let mut count = 0;
    let mut escaped = false;
    for c in trimmed.chars() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '|' if !escaped => count += 1,
            _ => {}
        }
        escaped = false;
    }
    let leading = trimmed.starts_with('|');
    let trailing = trimmed.ends_with('|') && !trimmed.ends_with("\\|") && trimmed.len() > 1;
    count + 1 - usize::from(leading) - usize::from(trailing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_of_a_model_page() {
        let page = parse(
            "# Thing\n\nA thing.\n\n## Example Usage\n\n```typescript\nlet v = { a: 1 };\n```\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `a` | *number* | :heavy_check_mark: | One \\| two<br/>three |\n| `b` | [X](x.md) | :heavy_minus_sign: | N/A |\n",
        );
        assert_eq!(page.title, Some(("Thing".into(), 1)));
        assert_eq!(page.intro.paragraphs, vec!["A thing.".to_string()]);
        let fields = page.section("Fields").unwrap();
        let table = &fields.tables[0];
        assert_eq!(table.header, vec!["Field", "Type", "Required", "Description"]);
        assert_eq!(table.rows[0].0, 15);
        assert_eq!(table.rows[0].1, vec!["`a`", "*number*", ":heavy_check_mark:", "One | two<br/>three"]);
        assert_eq!(table.rows[1].1[1], "[X](x.md)");
        assert_eq!(page.section("Example Usage").unwrap().code[0].text, "let v = { a: 1 };\n");
        assert!(table.raw_widths.iter().all(|&(_, w)| w == 4), "{:?}", table.raw_widths);
    }

    #[test]
    fn code_blocks_are_not_tables() {
        let page = parse("# T\n\n## Fields\n\n```\n| a | b |\n| - | - |\n| c | d |\n```\n");
        assert!(page.section("Fields").unwrap().tables.is_empty());
    }

    #[test]
    fn raw_cells_count_escaped_pipes_as_text() {
        assert_eq!(raw_cell_count("| a | b \\| c | d |"), 3);
        assert_eq!(raw_cell_count("a | b"), 2);
        // GFM splits cells before inline parsing: a `|` in backticks needs its escape too (as
        // pulldown-cmark does, whose cells these counts check).
        assert_eq!(raw_cell_count("| a | `x|y` |"), 3);
        assert_eq!(raw_cell_count("| a | `x\\|y` |"), 2);
    }
}
