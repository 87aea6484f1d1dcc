//! Writes the tree as block-level Markdown: paragraphs, lists, tables, quotes, code blocks.

use super::LinkContext;
use super::inline::{Breaks, Flags, Writer, escape_text};
use super::plain;
use super::tree::{Elem, Kind, Node};

/// What a rendered block is, as far as its neighbours care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockKind {
    Paragraph,
    List,
    /// A code block or table: cannot live inside a table cell.
    Verbatim,
    Other,
}

/// Lines of one block, without trailing whitespace.
struct Block {
    kind: BlockKind,
    lines: Vec<String>,
}

impl Block {
    fn new(kind: BlockKind, lines: Vec<String>) -> Self {
        Block { kind, lines }
    }
}

/// Renders a whole tree to Markdown (no trailing newline).
pub(super) fn markdown(root: &Elem, ctx: &LinkContext<'_>) -> String {
    let renderer = Renderer { ctx, table: false };
    join_blocks(&renderer.blocks(&root.children)).join("\n")
}

/// Renders blocks in one situation (inside a table cell or not).
struct Renderer<'a> {
    ctx: &'a LinkContext<'a>,
    table: bool,
}

impl<'a> Renderer<'a> {
    fn blocks(&self, nodes: &[Node]) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut run_start = 0;
        for (i, node) in nodes.iter().enumerate() {
            if node.is_inline() {
                continue;
            }
            self.paragraph(&nodes[run_start..i], &mut blocks);
            self.block(node, &mut blocks);
            run_start = i + 1;
        }
        self.paragraph(&nodes[run_start..], &mut blocks);
        blocks
    }

    fn block(&self, node: &Node, blocks: &mut Vec<Block>) {
        match node {
            Node::Rule => blocks.push(Block::new(BlockKind::Other, vec!["---".to_owned()])),
            Node::CodeBlock { lang, text } => blocks.extend(code_block(lang, text)),
            Node::Elem(elem) => self.elem(elem, blocks),
            Node::Text(_) | Node::Code(_) | Node::Break => {}
        }
    }

    fn elem(&self, elem: &Elem, blocks: &mut Vec<Block>) {
        match &elem.kind {
            Kind::Paragraph => self.paragraph(&elem.children, blocks),
            Kind::Heading(level) => blocks.extend(self.heading(*level, &elem.children)),
            Kind::Quote => blocks.extend(quote(self.blocks(&elem.children))),
            Kind::Alert(title) => blocks.extend(self.alert(title, &elem.children)),
            Kind::List(start) => blocks.extend(self.list(*start, &elem.children)),
            Kind::Table => self.table(elem, blocks),
            Kind::Pre => {
                let text = plain::raw_text(&elem.children);
                let text = text.strip_prefix('\n').unwrap_or(&text);
                blocks.extend(code_block("text", text));
            }
            _ => blocks.extend(self.blocks(&elem.children)),
        }
    }

    fn writer(&self, breaks: Breaks) -> Writer<'a> {
        Writer::new(self.ctx, Flags::new(breaks, self.table))
    }

    fn paragraph(&self, nodes: &[Node], blocks: &mut Vec<Block>) {
        if nodes.is_empty() {
            return;
        }
        let breaks = if self.table {
            Breaks::Html
        } else {
            Breaks::Newline
        };
        let text = self.writer(breaks).write(nodes).text;
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let count = lines.len();
        let lines = lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let line = escape_line_start(line);
                if i + 1 < count {
                    format!("{line}\\")
                } else {
                    line
                }
            })
            .collect::<Vec<_>>();
        if !lines.is_empty() {
            blocks.push(Block::new(BlockKind::Paragraph, lines));
        }
    }

    fn heading(&self, level: u8, nodes: &[Node]) -> Option<Block> {
        let text = self.writer(Breaks::Space).write(nodes).text;
        if text.is_empty() {
            return None;
        }
        let hashes = "#".repeat(usize::from(level.clamp(1, 6)));
        Some(Block::new(
            BlockKind::Other,
            vec![format!("{hashes} {text}")],
        ))
    }

    fn alert(&self, title: &str, nodes: &[Node]) -> Option<Block> {
        let mut blocks = self.blocks(nodes);
        if !title.is_empty() {
            let label = format!("**{}:**", escape_text(title, ' ', self.table));
            match blocks.first_mut() {
                Some(first) if first.kind == BlockKind::Paragraph && !first.lines.is_empty() => {
                    first.lines[0] = format!("{label} {}", first.lines[0]);
                }
                _ => blocks.insert(0, Block::new(BlockKind::Paragraph, vec![label])),
            }
        }
        quote(blocks)
    }

    fn list(&self, start: Option<u64>, children: &[Node]) -> Option<Block> {
        let items: Vec<Vec<String>> = children
            .iter()
            .map(|child| match child {
                Node::Elem(item) if item.kind == Kind::Item => self.blocks(&item.children),
                other => self.blocks(std::slice::from_ref(other)),
            })
            .map(|blocks| join_item_blocks(&blocks))
            .filter(|lines| !lines.is_empty())
            .collect();
        list_block(start, &items)
    }

    fn table(&self, elem: &Elem, blocks: &mut Vec<Block>) {
        let mut rows: Vec<&Elem> = Vec::new();
        let mut stray: Vec<Node> = Vec::new();
        for child in &elem.children {
            match child {
                Node::Elem(row) if matches!(row.kind, Kind::Row { .. }) => rows.push(row),
                other => stray.push(other.clone()),
            }
        }
        blocks.extend(self.blocks(&stray));
        let table = Table::new(&rows);
        if table.columns == 0 {
            return;
        }
        let cells = Renderer {
            ctx: self.ctx,
            table: true,
        };
        match cells.table_lines(&table) {
            Some(lines) => blocks.push(Block::new(BlockKind::Verbatim, lines)),
            None => blocks.extend(self.table_as_list(&table)),
        }
    }

    /// The table as Markdown table lines; `None` when a cell holds a code block or table.
    fn table_lines(&self, table: &Table<'_>) -> Option<Vec<String>> {
        let mut lines = Vec::new();
        let header = match &table.header {
            Some(row) => self.row_cells(row, table.columns)?,
            None => vec![String::new(); table.columns],
        };
        lines.push(table_row(&header));
        lines.push(table_row(&vec!["---".to_owned(); table.columns]));
        for row in &table.body {
            lines.push(table_row(&self.row_cells(row, table.columns)?));
        }
        Some(lines)
    }

    fn row_cells(&self, row: &[&Elem], columns: usize) -> Option<Vec<String>> {
        let mut cells = Vec::with_capacity(columns);
        for cell in row {
            cells.push(self.cell(cell)?);
        }
        cells.resize(columns, String::new());
        Some(cells)
    }

    /// One cell on one line: its blocks joined with `<br>`.
    fn cell(&self, cell: &Elem) -> Option<String> {
        let blocks = self.blocks(&cell.children);
        if blocks.iter().any(|b| b.kind == BlockKind::Verbatim) {
            return None;
        }
        let lines: Vec<String> = blocks
            .into_iter()
            .flat_map(|b| b.lines)
            .map(|line| line.trim_start_matches('>').trim().to_owned())
            .filter(|line| !line.is_empty())
            .collect();
        Some(lines.join("<br>"))
    }

    /// A table too rich for Markdown: one list item per row, each cell labeled with its
    /// column header.
    fn table_as_list(&self, table: &Table<'_>) -> Option<Block> {
        let labels: Vec<String> = table.header.as_ref().map_or_else(Vec::new, |row| {
            row.iter()
                .map(|cell| plain::of_nodes(&cell.children))
                .collect()
        });
        let items: Vec<Vec<String>> = table
            .body
            .iter()
            .map(|row| self.labeled_row(row, &labels))
            .filter(|lines| !lines.is_empty())
            .collect();
        list_block(None, &items)
    }

    fn labeled_row(&self, row: &[&Elem], labels: &[String]) -> Vec<String> {
        let mut blocks = Vec::new();
        for (i, cell) in row.iter().enumerate() {
            let mut cell_blocks = self.blocks(&cell.children);
            let label = labels.get(i).filter(|l| !l.is_empty());
            if let Some(label) = label {
                let label = format!("**{}:**", escape_text(label, ' ', false));
                match cell_blocks.first_mut() {
                    Some(first)
                        if first.kind == BlockKind::Paragraph && !first.lines.is_empty() =>
                    {
                        first.lines[0] = format!("{label} {}", first.lines[0]);
                    }
                    _ => cell_blocks.insert(0, Block::new(BlockKind::Paragraph, vec![label])),
                }
            }
            blocks.extend(cell_blocks);
        }
        join_item_blocks(&blocks)
    }
}

/// Rows and cells of a table, with the header row (if the first row is all header cells).
struct Table<'e> {
    header: Option<Vec<&'e Elem>>,
    body: Vec<Vec<&'e Elem>>,
    columns: usize,
}

/// Most columns a table keeps; cells beyond are dropped.
const MAX_COLUMNS: usize = 64;

impl<'e> Table<'e> {
    fn new(rows: &[&'e Elem]) -> Self {
        let mut all: Vec<(bool, Vec<&'e Elem>)> = rows
            .iter()
            .map(|row| {
                let cells: Vec<&Elem> = row
                    .children
                    .iter()
                    .filter_map(|c| match c {
                        Node::Elem(cell) if matches!(cell.kind, Kind::Cell { .. }) => Some(cell),
                        _ => None,
                    })
                    .take(MAX_COLUMNS)
                    .collect();
                let head = !cells.is_empty()
                    && (row.kind == Kind::Row { head: true }
                        || cells.iter().all(|c| c.kind == Kind::Cell { head: true }));
                (head, cells)
            })
            .filter(|(_, cells)| !cells.is_empty())
            .collect();
        let columns = all.iter().map(|(_, cells)| cells.len()).max().unwrap_or(0);
        let header = match all.first() {
            Some((true, _)) => Some(all.remove(0).1),
            _ => None,
        };
        Table {
            header,
            body: all.into_iter().map(|(_, cells)| cells).collect(),
            columns,
        }
    }
}

fn table_row(cells: &[String]) -> String {
    let mut line = String::from("|");
    for cell in cells {
        if !cell.is_empty() {
            line.push(' ');
            line.push_str(cell);
        }
        line.push_str(" |");
    }
    line
}

/// A fenced code block; empty code makes no block.
fn code_block(lang: &str, text: &str) -> Option<Block> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty())?;
    let last = lines.iter().rposition(|l| !l.is_empty())?;
    let body = &lines[first..=last];
    let longest = body
        .iter()
        .map(|line| {
            line.split(|c| c != '`')
                .map(str::len)
                .max()
                .unwrap_or_default()
        })
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest.max(2) + 1);
    let mut out = Vec::with_capacity(body.len() + 2);
    out.push(format!("{fence}{lang}"));
    out.extend(body.iter().map(|l| (*l).to_owned()));
    out.push(fence);
    Some(Block::new(BlockKind::Verbatim, out))
}

/// Blocks as one block quote.
fn quote(blocks: Vec<Block>) -> Option<Block> {
    let lines = join_blocks(&blocks);
    if lines.is_empty() {
        return None;
    }
    let quoted = lines
        .into_iter()
        .map(|l| {
            if l.is_empty() {
                ">".to_owned()
            } else {
                format!("> {l}")
            }
        })
        .collect();
    Some(Block::new(BlockKind::Other, quoted))
}

/// A list from its items' lines; items that span several blocks make a loose list.
fn list_block(start: Option<u64>, items: &[Vec<String>]) -> Option<Block> {
    if items.is_empty() {
        return None;
    }
    let loose = items.iter().any(|lines| lines.iter().any(String::is_empty));
    let mut out = Vec::new();
    for (i, lines) in items.iter().enumerate() {
        if loose && i > 0 {
            out.push(String::new());
        }
        let marker = match start {
            Some(n) => format!("{}. ", n.saturating_add(i as u64)),
            None => "- ".to_owned(),
        };
        let indent = " ".repeat(marker.len());
        for (j, line) in lines.iter().enumerate() {
            out.push(match (j, line.is_empty()) {
                (0, _) => format!("{marker}{line}"),
                (_, true) => String::new(),
                (_, false) => format!("{indent}{line}"),
            });
        }
    }
    Some(Block::new(BlockKind::List, out))
}

/// The blocks of a container, separated by blank lines.
fn join_blocks(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks.iter().filter(|b| !b.lines.is_empty()) {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(block.lines.iter().cloned());
    }
    out
}

/// The blocks of a list item: like `join_blocks`, but a nested list follows a paragraph
/// directly so that simple nested lists stay tight.
fn join_item_blocks(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    let mut previous: Option<BlockKind> = None;
    for block in blocks.iter().filter(|b| !b.lines.is_empty()) {
        let tight = previous == Some(BlockKind::Paragraph) && block.kind == BlockKind::List;
        if previous.is_some() && !tight {
            out.push(String::new());
        }
        out.extend(block.lines.iter().cloned());
        previous = Some(block.kind);
    }
    out
}

/// Escapes what would make a paragraph line start a heading, quote, list or rule.
fn escape_line_start(line: &str) -> String {
    let mut chars = line.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    let list_marker = matches!(first, '-' | '+') && (second == ' ' || line.len() == 1);
    if matches!(first, '#' | '>' | '=') || list_marker || line.chars().all(|c| c == '-') {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &line[digits..];
        let after = rest.chars().nth(1).unwrap_or(' ');
        if rest.starts_with(['.', ')']) && after == ' ' {
            return format!("{}\\{}", &line[..digits], rest);
        }
    }
    line.to_owned()
}
