//! The local time zone, found once per run. `jiff`'s `TimeZone::system`
//! looks the zone's name up in its database, and building that database
//! lists every file under `/usr/share/zoneinfo`: about three million
//! instructions and hundreds of system calls, more than the rest of a
//! short command. The file `/etc/localtime` points at is all a date needs.

use std::path::Path;
use std::sync::OnceLock;

use jiff::tz::TimeZone;

/// The user's time zone: the one `TZ` names when it is set, else the zone
/// file `/etc/localtime` is (or links to), else what `jiff` finds.
pub fn local() -> TimeZone {
    static LOCAL: OnceLock<TimeZone> = OnceLock::new();
    LOCAL.get_or_init(find).clone()
}

fn find() -> TimeZone {
    // `TZ` can be a name, a path or a rule; jiff reads all three.
    if std::env::var_os("TZ").is_none()
        && let Some(tz) = read(Path::new("/etc/localtime"))
    {
        return tz;
    }
    TimeZone::system()
}

/// A zone file, named after where its link points (`Europe/Berlin` for a
/// link into `.../zoneinfo/Europe/Berlin`), or `Local` when it is no link.
fn read(path: &Path) -> Option<TimeZone> {
    let data = std::fs::read(path).ok()?;
    let target = std::fs::read_link(path).ok();
    let name = target
        .as_deref()
        .and_then(Path::to_str)
        .and_then(|t| t.rfind("zoneinfo/").map(|i| &t[i + "zoneinfo/".len()..]))
        .unwrap_or("Local");
    TimeZone::tzif(name, &data).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    /// Where the machine has a zone file, it gives the offsets jiff's own
    /// lookup gives, across a year with daylight-saving changes.
    #[test]
    fn the_zone_file_gives_the_systems_offsets() {
        let path = Path::new("/etc/localtime");
        let Some(read) = read(path) else { return };
        let system = TimeZone::system();
        for day in (0..400).step_by(7) {
            let t = Timestamp::from_second(1_767_225_600 + day * 86_400).unwrap();
            assert_eq!(read.to_offset(t), system.to_offset(t), "day {day}");
        }
    }

    #[test]
    fn a_zone_file_behind_a_link_takes_the_links_name() {
        let dir = tempfile::tempdir().unwrap();
        // A fixed-offset zone, written as the smallest TZif file jiff reads.
        let zoneinfo = dir.path().join("zoneinfo/Test");
        std::fs::create_dir_all(&zoneinfo).unwrap();
        let file = zoneinfo.join("Plus2");
        std::fs::write(&file, tzif_fixed(7200, b"P2\0")).unwrap();
        let link = dir.path().join("localtime");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let tz = read(&link).unwrap();
        assert_eq!(tz.iana_name(), Some("Test/Plus2"));
        assert_eq!(tz.to_offset(Timestamp::UNIX_EPOCH).seconds(), 7200);
        let unnamed = read(&file).unwrap();
        assert_eq!(unnamed.to_offset(Timestamp::UNIX_EPOCH).seconds(), 7200);
        assert!(read(&dir.path().join("missing")).is_none());
    }

    /// A version-1 TZif file with no transitions and one local time type.
    fn tzif_fixed(offset: i32, abbrev: &[u8]) -> Vec<u8> {
        let mut v = b"TZif".to_vec();
        v.push(0); // version 1
        v.extend([0u8; 15]);
        // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
        for n in [0u32, 0, 0, 0, 1, abbrev.len() as u32] {
            v.extend(n.to_be_bytes());
        }
        v.extend(offset.to_be_bytes());
        v.push(0); // not DST
        v.push(0); // abbreviation index
        v.extend(abbrev);
        v
    }
}
