fn rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap()
}
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let dir = &a[1];
    if a[2] == "copy" {
        let from = sled::Config::new().path(&a[3]).open().unwrap();
        let to = sled::Config::new()
            .path(dir)
            .cache_capacity(32 << 20)
            .open()
            .unwrap();
        for name in from.tree_names() {
            let src = from.open_tree(&name).unwrap();
            let dst = to.open_tree(&name).unwrap();
            let mut b = sled::Batch::default();
            let mut n = 0;
            for kv in src.iter() {
                let (k, v) = kv.unwrap();
                b.insert(k, v);
                n += 1;
                if n % 512 == 0 {
                    dst.apply_batch(std::mem::take(&mut b)).unwrap();
                }
            }
            dst.apply_batch(b).unwrap();
        }
        to.flush().unwrap();
        return;
    }
    if a[2] == "fill" {
        let n: usize = a[3].parse().unwrap();
        let vlen: usize = a[4].parse().unwrap();
        let db = sled::Config::new()
            .path(dir)
            .cache_capacity(32 << 20)
            .open()
            .unwrap();
        let t = db.open_tree("records").unwrap();
        let v = vec![7u8; vlen];
        for chunk in (0..n).collect::<Vec<_>>().chunks(512) {
            let mut b = sled::Batch::default();
            for i in chunk {
                let mut k = vec![2u8];
                k.extend_from_slice(&(*i as u128 * 2654435761).to_be_bytes());
                b.insert(k, v.clone());
            }
            t.apply_batch(b).unwrap();
        }
        db.flush().unwrap();
    } else {
        let t0 = std::time::Instant::now();
        let before = rss();
        let db = sled::Config::new()
            .path(dir)
            .cache_capacity(32 << 20)
            .open()
            .unwrap();
        let t = db.open_tree("records").unwrap();
        let _ = t.get([2u8]).unwrap();
        let _ = db.open_tree("index").unwrap();
        let _ = db.open_tree("meta").unwrap();
        println!("open {:?} rss {} -> {} KB", t0.elapsed(), before, rss());
    }
}
