//! Names the seed draws from.

pub(super) const ORGS: &[&str] = &[
    "Acme Industries",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Logistics",
    "Wayne Foods",
    "Hooli",
    "Vandelay Import",
    "Soylent Labs",
    "Cyberdyne",
    "Tyrell Bio",
    "Wonka Confiserie",
    "Oceanic Air",
    "Massive Dynamic",
    "Aperture Science",
    "Gringotts Finance",
    "Pied Piper",
    "Dunder Mifflin",
    "Bluth Company",
    "Prestige Worldwide",
    "Los Pollos",
    "Monarch Solutions",
    "Nakatomi Trading",
    "Sirius Cybernetics",
    "Blue Sun",
    "Virtucon",
    "Weyland Mining",
    "Ollivanders",
    "Krusty Krab",
    "Sterling Cooper",
];
pub(super) const FIRST: &[&str] = &[
    "Anne", "Bruno", "Chloé", "David", "Emma", "Farid", "Gaëlle", "Hugo", "Inès", "Jules", "Karim",
    "Léa", "Marc", "Nina", "Oscar", "Paul", "Quentin", "Rose", "Sami", "Théo", "Ulla", "Victor",
];
pub(super) const LAST: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "Roux", "Fournier", "Morel",
];
pub(super) const TOPICS: &[&str] = &[
    "Backup renewal",
    "Object storage 200 TB",
    "DR site",
    "Archive migration",
    "S3 gateway",
    "Seat expansion",
    "Cold storage pilot",
    "Ransomware vault",
    "Edge appliances",
    "Multi-site sync",
    "M365 backup",
    "Tape replacement",
    "Analytics lake",
    "Compliance archive",
];

/// A name as it can appear in an e-mail address.
pub(super) fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' | 'è' | 'ë' => 'e',
            'ï' => 'i',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}
