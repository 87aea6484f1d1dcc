//! The `consts` style, as windows-sys does it: `pub type BgJobType = i32;` and one
//! module-level constant per value, named by its C name (`BG_JOB_TYPE_UPLOAD`), since the
//! constants of all enums of a header share one namespace, as in C. The names and the
//! availability data, which a type alias cannot carry, are in a module named after the type
//! (`bg_job_type::AVAILABILITY`, `bg_job_type::is_available_on(value, target)`).

use super::{
    TypeParts, alias_docs, availability_by_value, bits_of, doc_attrs, enum_docs, ident, int,
    lookup_by_value, needs_allow_upper, statements_at, to_bits, variant_docs,
};
use crate::model::{Enum, EnumStyle, Module, Variant};
use crate::naming::{is_keyword, is_rust_ident};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The names already defined in a module, so that the items of one enum never clash with
/// those of another.
pub(in crate::emit) struct ModuleNames {
    /// Names in the value namespace, with the Rust name of the type that defines them.
    values: BTreeMap<String, String>,
    /// Names in the type namespace.
    types: BTreeSet<String>,
}

impl ModuleNames {
    /// The names `module`'s types take before any constant is defined: every type name, and
    /// (in the value namespace) the constructors of the tuple structs.
    pub(in crate::emit) fn new(module: &Module) -> Self {
        let types = module.enums.iter().map(|e| e.name.clone()).collect();
        let values = module
            .enums
            .iter()
            .filter(|e| matches!(e.style, EnumStyle::Newtype | EnumStyle::Flags))
            .map(|e| (e.name.clone(), e.name.clone()))
            .collect();
        ModuleNames { values, types }
    }

    /// A module name for the type `rust_name` (`BgJobType` → `bg_job_type`) that is free.
    fn take_module(&mut self, rust_name: &str) -> String {
        let mut name = snake_case(rust_name);
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            name.insert(0, '_');
        }
        while is_keyword(&name) || !is_rust_ident(&name) || self.types.contains(&name) {
            name.push('_');
        }
        self.types.insert(name.clone());
        name
    }
}

/// `BgJobType` → `bg_job_type`, `BG_JOB_TYPE` → `bg_job_type`, `KS_AnalogVideo` → `ks_analog_video`.
fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1);
            let boundary = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(|p| p.is_ascii_uppercase())
                    && next.is_some_and(|n| n.is_ascii_lowercase()));
            if boundary {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    let mut out = out.trim_matches('_').to_string();
    while out.contains("__") {
        out = out.replace("__", "_");
    }
    out
}

/// The constant's identifier: the C name, with `_` after a Rust keyword.
fn const_name(c_name: &str) -> String {
    if is_rust_ident(c_name) {
        c_name.to_string()
    } else {
        format!("{c_name}_")
    }
}

/// The `consts` items of `e`; `names`: what the module's earlier items took.
pub(in crate::emit) fn items(e: &Enum, names: &mut ModuleNames) -> TokenStream {
    let TypeParts {
        name,
        repr,
        docs: _,
        aliases,
        deprecated,
        allow_camel,
        allow_deprecated,
    } = TypeParts::new(e);
    let module_name = names.take_module(&e.name);
    let module = ident(&module_name);
    let type_docs = doc_attrs(&format!(
        "{}\n\nThe values are constants of this module; their names and availability are in [`{module_name}`](mod@{module_name}).",
        enum_docs(e)
    ));
    let type_deprecated = deprecated.is_some();
    let primaries: Vec<&Variant> = e.variants.iter().filter(|v| v.alias_of.is_none()).collect();

    // The constants, in page order; a name another enum of the module took is left out.
    let mut defined: BTreeMap<&str, String> = BTreeMap::new();
    let mut left_out: Vec<String> = Vec::new();
    let mut consts = Vec::new();
    for v in &e.variants {
        let cname = const_name(&v.c_name);
        if let Some(owner) = names.values.get(&cname) {
            left_out.push(format!(
                "- `{cname}` ({}): not defined with this type, the constant of that name \
                 belongs to [`{owner}`](type@{owner})",
                v.value
            ));
            continue;
        }
        names.values.insert(cname.clone(), e.name.clone());
        defined.insert(&v.name, cname.clone());
        let docs = match v.alias_of.as_deref() {
            None => variant_docs(v, e.repr),
            Some(target) => {
                let target = e
                    .variants
                    .iter()
                    .find(|t| t.name == target)
                    .map_or_else(|| target.to_string(), |t| const_name(&t.c_name));
                alias_docs(v, e.repr, &target, &format!("value@{target}"))
            }
        };
        let docs = doc_attrs(&docs);
        let deprecated = super::deprecated_attr(&v.availability);
        let allow_deprecated = type_deprecated.then(|| quote!(#[allow(deprecated)]));
        let allow_upper =
            needs_allow_upper(&cname).then(|| quote!(#[allow(non_upper_case_globals)]));
        let cident = ident(&cname);
        let value = int(v.value);
        consts.push(quote! {
            #docs
            #deprecated
            #allow_deprecated
            #allow_upper
            pub const #cident: #name = #value;
        });
    }

    let c_type = &e.c_name;
    let root = quote!(super::super);
    let all = primaries
        .iter()
        .map(|v| match defined.get(v.name.as_str()) {
            Some(cname) => {
                let cname = ident(cname);
                quote!(super::#cname)
            }
            None => int(v.value),
        });
    let c_name_match = lookup_by_value(&primaries, quote!(value), |v: &Variant| v.c_name.as_str());
    let type_statements = statements_at(&e.availability, &root);
    let availability_body = availability_by_value(&primaries, quote!(value), &root);
    let with_statements: Vec<TokenStream> = primaries
        .iter()
        .filter(|v| !statements_at(&v.availability, &root).is_empty())
        .map(|v| {
            let bits = Literal::u64_unsuffixed(bits_of(v.value, e.repr));
            let value = int(v.value);
            quote!((#bits, availability(#value)))
        })
        .collect();
    let (is_available_doc, is_available_body) = if e.looks_like_flags && !with_statements.is_empty()
    {
        let bits = to_bits(quote!(value), e.repr);
        (
            "Whether the documentation allows the flags `value` on `target`: by the type's\nstatements and those of every documented flag set in `value`.",
            quote! {
                #root::flags_available_on(AVAILABILITY, &[#(#with_statements),*], #bits, target)
            },
        )
    } else {
        (
            "Whether the documentation allows `value` on `target` (by the type's statements\nand the value's own).",
            quote! {
                #root::is_available_on(AVAILABILITY, target)
                    && #root::is_available_on(availability(value), target)
            },
        )
    };
    let is_available_doc = doc_attrs(is_available_doc);
    // Outer docs of a module resolve links in the enclosing module, where a constant can
    // have the type's name.
    let mut module_docs = format!(
        "The names and availability of the values of [`{}`](type@{}).",
        e.name, e.name
    );
    if !left_out.is_empty() {
        module_docs.push_str("\n\nValues without a constant of their own:\n\n");
        module_docs.push_str(&left_out.join("\n"));
    }
    let module_docs = doc_attrs(&module_docs);

    quote! {
        #type_docs
        #aliases
        #deprecated
        #allow_camel
        pub type #name = #repr;

        #(#consts)*

        #module_docs
        #allow_deprecated
        pub mod #module {
            /// The C name of the type.
            pub const C_NAME: &str = #c_type;

            /// Every documented value, in the order the documentation lists them.
            pub const ALL: &[super::#name] = &[#(#all),*];

            /// The C name of `value`, if it is a documented one.
            pub const fn c_name(value: super::#name) -> Option<&'static str> {
                #c_name_match
            }

            /// What the documentation says about the availability of the type.
            pub const AVAILABILITY: &[#root::Availability] = &[#(#type_statements),*];

            /// What the documentation says about the availability of `value`
            /// (the type's own statements are in [`AVAILABILITY`]).
            pub const fn availability(value: super::#name) -> &'static [#root::Availability] {
                #availability_body
            }

            #is_available_doc
            pub const fn is_available_on(value: super::#name, target: #root::Target) -> bool {
                #is_available_body
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_are_snake_case_and_free() {
        assert_eq!(snake_case("BgJobType"), "bg_job_type");
        assert_eq!(snake_case("BG_JOB_TYPE"), "bg_job_type");
        assert_eq!(
            snake_case("KS_AnalogVideoStandard"),
            "ks_analog_video_standard"
        );
        assert_eq!(snake_case("D3d12ddiHeapFlags"), "d3d12ddi_heap_flags");
        assert_eq!(snake_case("DXGKArgs"), "dxgk_args");
        let mut names = ModuleNames {
            values: BTreeMap::new(),
            types: ["bg_job_type".to_string()].into(),
        };
        assert_eq!(names.take_module("BgJobType"), "bg_job_type_");
        assert_eq!(names.take_module("Type"), "type_");
        assert_eq!(names.take_module("_3D"), "_3_d");
        assert_eq!(const_name("type"), "type_");
        assert_eq!(const_name("BG_JOB_TYPE_UPLOAD"), "BG_JOB_TYPE_UPLOAD");
    }
}
