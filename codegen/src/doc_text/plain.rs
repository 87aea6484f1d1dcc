//! The text of a tree, without markup.

use super::tree::{Elem, Kind, Node};

/// Whitespace-normalized text of some nodes: blocks are separated by a space, images count as
/// their alt text, and content that is dropped stays dropped.
pub(super) fn of_nodes(nodes: &[Node]) -> String {
    let mut raw = String::new();
    collect(nodes, &mut raw);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of some nodes exactly as written (for `<pre>` and `<code>`): line breaks kept.
pub(super) fn raw_text(nodes: &[Node]) -> String {
    let mut raw = String::new();
    collect(nodes, &mut raw);
    raw
}

fn collect(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) | Node::Code(text) => out.push_str(text),
            Node::Break => out.push('\n'),
            Node::Rule => out.push(' '),
            Node::CodeBlock { text, .. } => {
                out.push('\n');
                out.push_str(text);
                out.push('\n');
            }
            Node::Elem(elem) => collect_elem(elem, out),
        }
    }
}

fn collect_elem(elem: &Elem, out: &mut String) {
    let block = !elem.kind.is_inline();
    if block {
        out.push('\n');
    }
    match &elem.kind {
        Kind::Drop => {}
        Kind::Alert(title) => {
            out.push_str(title);
            out.push(' ');
            collect(&elem.children, out);
        }
        Kind::Cell { .. } => {
            out.push(' ');
            collect(&elem.children, out);
            out.push(' ');
        }
        _ => collect(&elem.children, out),
    }
    if block {
        out.push('\n');
    }
}
