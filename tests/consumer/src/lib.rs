//! A crate that generates its bindings at build time and uses them.

include!(concat!(env!("OUT_DIR"), "/docbind.rs"));

/// Parses a job type the way a program would when a raw value comes from the system.
pub fn job_type(raw: i32) -> Result<bits::BgJobType, UnknownValue<i32>> {
    bits::BgJobType::try_from(raw)
}

#[cfg(test)]
mod tests {
    use super::bits::BgJobType;

    #[test]
    fn generated_enum_is_usable() {
        assert_eq!(super::job_type(1), Ok(BgJobType::Upload));
        assert!(super::job_type(42).is_err());
        assert_eq!(BgJobType::UploadReply.c_name(), "BG_JOB_TYPE_UPLOAD_REPLY");
        match BgJobType::Download {
            BgJobType::Download => {}
            BgJobType::Upload | BgJobType::UploadReply => unreachable!(),
        }
    }
}
