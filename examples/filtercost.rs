use std::time::Instant;
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::domain::filter::TextFilter;
fn main() {
    let d = seed(
        chrono::Utc::now(),
        SeedSize {
            leads: 100_000,
            orders: 10,
            contracts: 10,
        },
    );
    let hay: Vec<String> = d
        .leads
        .iter()
        .map(|l| {
            format!(
                "{} {} {} {}",
                l.title,
                l.organization,
                l.contact_name,
                l.contact_email.as_deref().unwrap_or("")
            )
        })
        .collect();
    for q in ["a", "ac", "acme", "acme ind"] {
        let t = Instant::now();
        let mut f = TextFilter::new(q);
        let n = hay.iter().filter(|h| f.matches(h)).count();
        println!("{q:>10}: {n} matches in {:?}", t.elapsed());
    }
    let t = Instant::now();
    let lower: Vec<String> = hay.iter().map(|h| h.to_lowercase()).collect();
    println!("lowercase all: {:?}", t.elapsed());
    let t = Instant::now();
    let n = lower.iter().filter(|h| h.contains("acme")).count();
    println!("substring acme: {n} in {:?}", t.elapsed());
    let mut idx: Vec<usize> = (0..d.leads.len()).collect();
    let t = Instant::now();
    idx.sort_by(|a, b| d.leads[*b].updated_at.cmp(&d.leads[*a].updated_at));
    println!("sort 100k by updated_at: {:?}", t.elapsed());
}
