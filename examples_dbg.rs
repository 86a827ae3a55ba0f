fn main() {
    for text in ["\n\nReferences\n\n-\n[0 A 2000.\n\n-\n"] {
        let c = citelint::check(text);
        let l = c.doc.list.as_ref().unwrap();
        for e in &l.entries { println!("entry {:?}", e.span.slice(text)); }
        for e in &l.empty_items { println!("empty {:?}", e.span); }
        let p = citelint::fix::plan(text, &c, &Default::default());
        let b = citelint::fix::FixOptions { renumber: false, ..Default::default() };
        let _ = b;
        println!("{:?}", p);
    }
}
