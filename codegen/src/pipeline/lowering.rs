//! Lowering the enum pages into the model's enums, in two passes: the first lowers every page on
//! its own; the second lowers again the pages whose written values name enumerators of other
//! pages, with the values the first pass found under the names those pages use. Also the links
//! between pages that lowering turns into intra-doc links.

use super::assemble::invalid_identifier;
use super::page_stages::Candidate;
use super::run::{ModelClock, Progress};
use crate::c;
use crate::config::Config;
use crate::lower::{self, Lowered};
use crate::model::ValueSource;
use crate::page::front_matter::PageError;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// What lowering made of one page: its enum, or every reason it cannot become one.
pub(super) type Lowering = Result<Lowered, Vec<PageError>>;

/// Pages whose enums are generated, for intra-doc links between them: the page's path (relative
/// to the docs root, in lowercase) and the item's path.
pub(super) struct Links(BTreeMap<String, String>);

impl Links {
    /// Links to the enums of `pages`. `type@`: in the `consts` style, a module can also have a
    /// constant of the type's name (a C enumerator `TokenType` beside the type of `TOKEN_TYPE`).
    pub(super) fn new(pages: &[Box<Candidate>]) -> Self {
        Links(
            pages
                .iter()
                .map(|c| {
                    (
                        c.page.rel_path.to_ascii_lowercase(),
                        format!("type@super::{}::{}", c.names.module, c.names.rust_name),
                    )
                })
                .collect(),
        )
    }

    /// Takes out the links to the pages that failed (`results` are those of `pages`), and says
    /// whether there were any. A page that fails makes no item, so links to it must not become
    /// intra-doc links (they would dangle in the output that `generate_keep_going` writes).
    pub(super) fn drop_failed(&mut self, pages: &[Box<Candidate>], results: &[Lowering]) -> bool {
        let failed: Vec<&Candidate> = pages
            .par_iter()
            .zip(results)
            .filter(|(_, r)| {
                !r.as_ref()
                    .is_ok_and(|l| invalid_identifier(&l.item).is_none())
            })
            .map(|(c, _)| &**c)
            .collect();
        for c in &failed {
            self.0.remove(&c.page.rel_path.to_ascii_lowercase());
        }
        !failed.is_empty()
    }

    fn resolve(&self, rel: &str) -> Option<String> {
        self.0.get(&rel.to_ascii_lowercase()).cloned()
    }
}

/// Lowers `pages` (in parallel), their time kept by `clock`.
pub(super) struct Lower<'a> {
    pub(super) pages: &'a [Box<Candidate>],
    pub(super) config: &'a Config,
    pub(super) clock: &'a ModelClock,
}

impl Lower<'_> {
    /// Lowers every page on its own (with no other page's values), counting a step of `progress`
    /// for each.
    pub(super) fn first_pass(
        &self,
        links: &Links,
        progress: Option<&Progress<'_>>,
    ) -> Vec<Lowering> {
        let none = c::Defines::default();
        self.clock.pass(|| {
            self.pages
                .par_iter()
                .map(|c| {
                    let result = self.page(c, links, &none);
                    if let Some(progress) = progress {
                        progress.advance(1);
                    }
                    result
                })
                .collect()
        })
    }

    /// Lowers again the pages whose written values named enumerators the first pass did not
    /// know, with the values other pages' enumerators got in `results`.
    pub(super) fn second_pass(&self, links: &Links, results: &mut [Lowering]) {
        let unresolved = |r: &Lowering| r.as_ref().is_ok_and(|l| l.unresolved);
        self.clock.pass(|| {
            if !results.iter().any(unresolved) {
                return;
            }
            // Only a name the unresolved pages use (a word of their text) can resolve them.
            let wanted: HashSet<&str> = self
                .pages
                .iter()
                .zip(&*results)
                .filter(|(_, r)| unresolved(r))
                .flat_map(|(c, _)| lower::names_in(&c.page.text))
                .collect();
            let mut globals = c::Defines::default();
            for lowered in results.iter().flatten() {
                for v in &lowered.item.variants {
                    if v.value_source != ValueSource::Inferred && wanted.contains(v.c_name.as_str())
                    {
                        globals.add_value(&v.c_name, v.value);
                    }
                }
            }
            self.pages
                .par_iter()
                .zip(results.par_iter_mut())
                .for_each(|(c, result)| {
                    if unresolved(result) {
                        *result = self.page(c, links, &globals);
                    }
                });
        });
    }

    fn page(&self, c: &Candidate, links: &Links, globals: &c::Defines) -> Lowering {
        let page = lower::Page {
            rel_path: &c.page.rel_path,
            front: &c.front,
            sections: &c.sections,
            names: &c.names,
        };
        let resolve = |rel: &str| links.resolve(rel);
        self.clock
            .page(|| lower::lower(&page, self.config, &resolve, globals))
    }
}
