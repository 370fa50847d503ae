//! A deterministic demo workspace: a Chinese FMCG territory with four years of daily sales.

use crate::{
    Customer, CustomerKind, Dataset, Date, Ledger, Money, Product, Region, Salesperson, Workspace,
};

/// The demo workspace as of a day: three full calendar years before `as_of`'s year plus the
/// current year up to and including `as_of`, of daily sales lines (about 100,000 rows).
///
/// The territory has 5 regions, 8 salespeople, 150 customers (distributors, KA stores,
/// wholesalers and retail outlets with a Pareto-like size spread) and 40 products in 5
/// categories with their own seasonality and trend (乳品 grows, 调味品 declines; 饮料 peak in
/// summer, gifts before 春节). One product is launched during the period, one customer is lost
/// in the last year, about 1% of rows are returns, every row has a cost, weekends are lighter
/// and the Chinese New Year holiday dips. The same `as_of` always gives the same workspace:
/// the generator uses its own PRNG and only exactly reproducible arithmetic.
pub fn demo_workspace(as_of: Date) -> Workspace {
    let start = Date::from_ymd(as_of.year() - 3, 1, 1).unwrap_or(as_of);
    let mut rng = SplitMix64(0x5A4E_D7AB_1E00_2026);
    let regions: Vec<Region> = REGIONS
        .iter()
        .enumerate()
        .map(|(i, (name, _))| Region {
            id: format!("R{:02}", i + 1),
            name: (*name).to_string(),
        })
        .collect();
    let salespeople: Vec<Salesperson> = SALESPEOPLE
        .iter()
        .enumerate()
        .map(|(i, (name, region))| Salesperson {
            id: format!("S{:02}", i + 1),
            name: (*name).to_string(),
            region: format!("R{:02}", region + 1),
        })
        .collect();
    let launch = Date::from_ymd(as_of.year() - 1, 5, 1).unwrap_or(start);
    let products = make_products(launch);
    let customers = make_customers(&mut rng);

    let ledger = make_ledger(&mut rng, start, as_of, &customers, &products);
    let stamp = format!("{as_of}T00:00:00Z");
    Workspace {
        id: "demo".into(),
        name: "演示战区（华东事业部）".into(),
        created: stamp.clone(),
        modified: stamp,
        customers: customers.iter().map(|c| c.customer.clone()).collect(),
        products: products.iter().map(|p| p.product.clone()).collect(),
        regions,
        salespeople,
        datasets: vec![Dataset {
            id: "demo-sales".into(),
            name: "演示销售台账".into(),
            source: "demo".into(),
            ledger,
        }],
        grading: Default::default(),
        review: Default::default(),
        targets: Default::default(),
    }
}

/// The id of the demo's product launched during the period.
pub const DEMO_LAUNCHED_PRODUCT: &str = "P016";
/// The number of days before `as_of` after which the demo's lost customer buys nothing.
pub const DEMO_LOST_AFTER_DAYS: i32 = 150;

/// Sales per year across the territory, in yuan, before trends.
const ANNUAL_SALES: f64 = 80_000_000.0;
/// The rank (by size, from 0) of the customer who is lost in the last year.
const LOST_RANK: usize = 9;

/// Region names and their share of customers (percent).
const REGIONS: [(&str, u32); 5] = [
    ("华东", 36),
    ("华南", 20),
    ("华北", 18),
    ("华中", 14),
    ("西南", 12),
];

/// Salespeople and the index of their region.
const SALESPEOPLE: [(&str, usize); 8] = [
    ("张伟", 0),
    ("李娜", 0),
    ("王磊", 1),
    ("刘洋", 1),
    ("陈静", 2),
    ("杨帆", 2),
    ("赵敏", 3),
    ("黄志强", 4),
];

const CITIES: [&[&str]; 5] = [
    &[
        "杭州", "宁波", "温州", "苏州", "无锡", "南京", "合肥", "福州", "上海", "济南", "厦门",
        "绍兴",
    ],
    &[
        "广州", "深圳", "佛山", "东莞", "南宁", "海口", "珠海", "汕头",
    ],
    &["北京", "天津", "石家庄", "太原", "保定", "唐山", "呼和浩特"],
    &["武汉", "长沙", "郑州", "南昌", "宜昌", "洛阳"],
    &["成都", "重庆", "昆明", "贵阳", "绵阳"],
];

const TRADE_NAMES: [&str; 24] = [
    "瑞丰", "恒信", "华联", "金源", "宏达", "鑫盛", "永昌", "德隆", "汇通", "佳禾", "盛世", "丰泽",
    "天禧", "广源", "信达", "和润", "百川", "新亚", "嘉禾", "隆泰", "万通", "福满", "兴旺", "润泽",
];
const COMPANY_SUFFIXES: [&str; 4] = [
    "商贸有限公司",
    "贸易有限公司",
    "食品有限公司",
    "供应链管理有限公司",
];
const CHAINS: [&str; 12] = [
    "永辉超市",
    "华润万家",
    "大润发",
    "物美超市",
    "沃尔玛",
    "家乐福",
    "世纪联华",
    "步步高",
    "人人乐",
    "盒马鲜生",
    "红旗连锁",
    "中百仓储",
];
const BRANCHES: [&str; 12] = [
    "万达",
    "五一",
    "中山路",
    "解放路",
    "人民路",
    "建设路",
    "东门",
    "新华路",
    "滨江",
    "高新",
    "火车站",
    "新城",
];
const WHOLESALE_SUFFIXES: [&str; 3] = ["食品批发部", "副食批发商行", "粮油批发部"];
const SHOP_NAMES: [&str; 8] = [
    "美宜佳便利店",
    "好又多便利店",
    "天天鲜超市",
    "邻里生活超市",
    "快客便利店",
    "佳佳乐超市",
    "惠民便利店",
    "乐购生活超市",
];
const SURNAMES: [&str; 10] = [
    "李记", "王记", "陈氏", "张记", "刘家", "周记", "吴氏", "郑记", "孙家", "林记",
];

/// Category name, monthly seasonality (Jan–Dec), growth per year, list margin, gift product.
struct Category {
    name: &'static str,
    season: [f64; 12],
    growth: f64,
    margin: f64,
    gift: bool,
}

const CATEGORIES: [Category; 5] = [
    Category {
        name: "饮料",
        season: [
            0.6, 0.55, 0.75, 0.9, 1.1, 1.35, 1.55, 1.5, 1.15, 0.9, 0.75, 0.7,
        ],
        growth: 0.04,
        margin: 0.34,
        gift: false,
    },
    Category {
        name: "乳品",
        season: [
            1.05, 1.0, 0.95, 0.95, 0.95, 0.9, 0.85, 0.9, 1.0, 1.05, 1.0, 1.1,
        ],
        growth: 0.18,
        margin: 0.30,
        gift: true,
    },
    Category {
        name: "休闲食品",
        season: [
            1.05, 1.0, 0.9, 0.9, 0.9, 0.85, 0.8, 0.85, 1.05, 1.1, 1.0, 1.15,
        ],
        growth: 0.06,
        margin: 0.40,
        gift: true,
    },
    Category {
        name: "调味品",
        season: [
            1.1, 1.0, 0.95, 0.95, 0.95, 0.9, 0.9, 0.95, 1.0, 1.05, 1.05, 1.1,
        ],
        growth: -0.10,
        margin: 0.36,
        gift: false,
    },
    Category {
        name: "个护",
        season: [
            0.9, 0.85, 0.95, 1.0, 1.05, 1.15, 1.2, 1.15, 1.0, 0.95, 0.9, 0.95,
        ],
        growth: 0.02,
        margin: 0.40,
        gift: false,
    },
];

/// Products per category: name with pack, list price per case in yuan, popularity.
const PRODUCTS: [[(&str, i64, f64); 8]; 5] = [
    [
        ("冰爽柠檬茶 500ml×15", 45, 1.4),
        ("蜂蜜柚子茶 500ml×15", 48, 0.9),
        ("元气苏打水 480ml×24", 72, 1.0),
        ("纯净饮用水 550ml×24", 24, 1.6),
        ("鲜橙多 450ml×15", 42, 0.8),
        ("冰红茶 500ml×15", 40, 1.3),
        ("椰子汁 245ml×24", 78, 0.7),
        ("运动功能饮料 600ml×15", 66, 0.6),
    ],
    [
        ("纯牛奶 250ml×24", 62, 1.6),
        ("高钙牛奶 250ml×24", 66, 0.9),
        ("原味酸奶 200g×24", 70, 1.1),
        ("草莓酸奶 200g×24", 72, 0.7),
        ("儿童成长牛奶 125ml×20", 58, 0.8),
        ("有机纯牛奶礼盒 250ml×12", 88, 1.0),
        ("早餐奶 250ml×24", 60, 0.9),
        ("零蔗糖燕麦奶 250ml×12", 52, 1.2),
    ],
    [
        ("坚果礼盒 750g", 128, 1.0),
        ("每日坚果 25g×30", 89, 1.2),
        ("香辣牛肉干 200g×20", 150, 0.6),
        ("原味薯片 70g×22", 66, 1.3),
        ("苏打饼干 400g×12", 60, 0.9),
        ("夹心饼干 380g×12", 56, 0.8),
        ("糖果礼包 500g×10", 95, 0.9),
        ("海苔脆 40g×30", 54, 0.7),
    ],
    [
        ("生抽酱油 500ml×12", 48, 1.5),
        ("老抽酱油 500ml×12", 50, 0.8),
        ("陈醋 420ml×12", 36, 0.9),
        ("蚝油 700g×12", 66, 1.0),
        ("料酒 500ml×12", 30, 0.7),
        ("鸡精 200g×20", 80, 0.8),
        ("火锅底料 150g×40", 120, 0.9),
        ("豆瓣酱 500g×12", 54, 0.6),
    ],
    [
        ("去屑洗发水 750ml×6", 168, 0.9),
        ("沐浴露 750ml×6", 150, 0.9),
        ("牙膏 120g×24", 144, 1.2),
        ("洗手液 500ml×12", 108, 0.8),
        ("洗衣液 2kg×6", 132, 1.1),
        ("抽纸 3层100抽×30", 75, 1.4),
        ("湿巾 80片×12", 84, 0.7),
        ("花露水 195ml×12", 96, 0.6),
    ],
];

/// Chinese New Year (正月初一) by year; other years fall back to 5 February.
const SPRING_FESTIVAL: [(i32, u32, u32); 22] = [
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
    (2036, 1, 28),
    (2037, 2, 15),
];

fn spring_festival(year: i32) -> Option<Date> {
    let (_, m, d) = SPRING_FESTIVAL
        .iter()
        .find(|(y, _, _)| *y == year)
        .copied()
        .unwrap_or((year, 2, 5));
    Date::from_ymd(year, m, d)
}

struct DemoProduct {
    product: Product,
    category: usize,
    popularity: f64,
    /// List price, whole yuan per case.
    price: i64,
    /// Cost, whole yuan per case.
    cost: i64,
}

fn make_products(launch: Date) -> Vec<DemoProduct> {
    let mut out = Vec::with_capacity(40);
    for (c, list) in PRODUCTS.iter().enumerate() {
        for (i, &(name, price, popularity)) in list.iter().enumerate() {
            let id = format!("P{:03}", out.len() + 1);
            // Margins vary a little within a category: −2 … +2 points.
            let margin = CATEGORIES[c].margin + (i as f64 - 3.5) * 0.006;
            let cost = (price as f64 * (1.0 - margin)).round() as i64;
            let launched = (id == DEMO_LAUNCHED_PRODUCT).then_some(launch);
            out.push(DemoProduct {
                product: Product {
                    id,
                    name: name.to_string(),
                    category: CATEGORIES[c].name.to_string(),
                    price: Money::from_units(price),
                    launched,
                },
                category: c,
                popularity,
                price,
                cost,
            });
        }
    }
    out
}

struct DemoCustomer {
    customer: Customer,
    /// Size rank, 0 = biggest.
    rank: usize,
    region: u32,
    salesperson: u32,
    channel: u32,
    /// Expected sales per year, yuan.
    annual: f64,
    /// Expected ordering days per year.
    orders_per_year: f64,
    /// Lines per order.
    lines: usize,
    /// Price paid as a fraction of list price.
    price_factor: f64,
    /// Indexes of the products the customer buys.
    assortment: Vec<usize>,
}

const CHANNELS: [&str; 4] = ["经销商", "KA", "批发", "零售"];

fn make_customers(rng: &mut SplitMix64) -> Vec<DemoCustomer> {
    const COUNT: usize = 150;
    // Kinds by size rank: the biggest are distributors and KA stores.
    let mut kinds = Vec::with_capacity(COUNT);
    let groups: [&[(CustomerKind, usize)]; 3] = [
        &[
            (CustomerKind::Distributor, 22),
            (CustomerKind::KeyAccount, 8),
        ],
        &[
            (CustomerKind::Distributor, 8),
            (CustomerKind::KeyAccount, 17),
            (CustomerKind::Wholesale, 15),
        ],
        &[
            (CustomerKind::KeyAccount, 5),
            (CustomerKind::Wholesale, 25),
            (CustomerKind::Retail, 50),
        ],
    ];
    for group in groups {
        let mut g: Vec<CustomerKind> = group
            .iter()
            .flat_map(|&(k, n)| std::iter::repeat_n(k, n))
            .collect();
        rng.shuffle(&mut g);
        kinds.extend(g);
    }
    let weights: Vec<f64> = (0..COUNT)
        .map(|r| 1.0 / ((r as f64 + 2.0) * (1.0 + r as f64 / 60.0)))
        .collect();
    let total: f64 = weights.iter().sum();
    let top = weights[0] / total;

    // Ids are given in a shuffled order so that size does not follow the id.
    let mut order: Vec<usize> = (0..COUNT).collect();
    rng.shuffle(&mut order);
    let mut id_of_rank = vec![0usize; COUNT];
    for (id, rank) in order.iter().enumerate() {
        id_of_rank[*rank] = id;
    }

    let mut names = std::collections::HashSet::new();
    let mut out: Vec<DemoCustomer> = Vec::with_capacity(COUNT);
    for (rank, &kind) in kinds.iter().enumerate() {
        let share = weights[rank] / total;
        let region = rng.pick_weighted(&REGIONS.map(|(_, w)| f64::from(w)));
        let staff: Vec<usize> = (0..SALESPEOPLE.len())
            .filter(|&s| SALESPEOPLE[s].1 == region)
            .collect();
        let salesperson = staff[rng.below(staff.len() as u64) as usize];
        let name = loop {
            let candidate = customer_name(rng, kind, CITIES[region]);
            if names.insert(candidate.clone()) {
                break candidate;
            }
        };
        let (channel, price_factor, assortment_size) = match kind {
            CustomerKind::Distributor => (0, 0.86, 36),
            CustomerKind::KeyAccount => (1, 0.97, 26),
            CustomerKind::Wholesale => (2, 0.90, 16),
            _ => (3, 1.0, 9),
        };
        let mut products: Vec<usize> = (0..40).collect();
        rng.shuffle(&mut products);
        let mut assortment: Vec<usize> = products.into_iter().take(assortment_size).collect();
        assortment.sort_unstable();
        let size = (share / top).sqrt();
        let tier = match rank {
            r if r < COUNT / 5 => "A",
            r if r < COUNT / 2 => "B",
            _ => "C",
        };
        out.push(DemoCustomer {
            customer: Customer {
                id: format!("C{:04}", id_of_rank[rank] + 1),
                name,
                region: format!("R{:02}", region + 1),
                kind,
                tier: Some(tier.to_string()),
            },
            rank,
            region: region as u32,
            salesperson: salesperson as u32,
            channel,
            annual: share * ANNUAL_SALES,
            orders_per_year: 8.0 + 270.0 * size,
            lines: (1.0 + (10.0 * size).round()) as usize,
            price_factor,
            assortment,
        });
    }
    out.sort_by(|a, b| a.customer.id.cmp(&b.customer.id));
    out
}

fn customer_name(rng: &mut SplitMix64, kind: CustomerKind, cities: &[&str]) -> String {
    let city = rng.choose(cities);
    match kind {
        CustomerKind::Distributor => {
            format!(
                "{city}{}{}",
                rng.choose(&TRADE_NAMES),
                rng.choose(&COMPANY_SUFFIXES)
            )
        }
        CustomerKind::KeyAccount => {
            format!("{}({city}{}店)", rng.choose(&CHAINS), rng.choose(&BRANCHES))
        }
        CustomerKind::Wholesale => format!(
            "{city}{}{}",
            rng.choose(&TRADE_NAMES),
            rng.choose(&WHOLESALE_SUFFIXES)
        ),
        _ => {
            if rng.below(2) == 0 {
                format!(
                    "{}({city}{}店)",
                    rng.choose(&SHOP_NAMES),
                    rng.choose(&BRANCHES)
                )
            } else {
                format!(
                    "{city}{}{}",
                    rng.choose(&SURNAMES),
                    rng.choose(&["烟酒商行", "便利店", "副食店"])
                )
            }
        }
    }
}

fn make_ledger(
    rng: &mut SplitMix64,
    start: Date,
    as_of: Date,
    customers: &[DemoCustomer],
    products: &[DemoProduct],
) -> Ledger {
    let mut l = Ledger {
        customers: customers.iter().map(|c| c.customer.id.clone()).collect(),
        products: products.iter().map(|p| p.product.id.clone()).collect(),
        regions: REGIONS
            .iter()
            .enumerate()
            .map(|(i, _)| format!("R{:02}", i + 1))
            .collect(),
        salespeople: SALESPEOPLE
            .iter()
            .enumerate()
            .map(|(i, _)| format!("S{:02}", i + 1))
            .collect(),
        channels: CHANNELS.iter().map(|c| c.to_string()).collect(),
        ..Ledger::default()
    };
    let mut cost = Vec::new();
    let lost = customers.iter().position(|c| c.rank == LOST_RANK);
    let lost_after = as_of.add_days(-DEMO_LOST_AFTER_DAYS);
    let mut weights = Vec::with_capacity(40);

    let mut day = start;
    while day <= as_of {
        let (year, month, _) = day.ymd();
        let years = day.days_since(start) as f64 / 365.25;
        let festival = spring_festival(year);
        let to_festival = festival.map_or(1000, |f| f.days_since(day));
        // The holiday itself nearly stops ordering; the weeks after are slow.
        let holiday = match -to_festival {
            -3..=6 => 0.15,
            7..=14 => 0.6,
            _ => 1.0,
        };
        let gift_season = (1..=25).contains(&to_festival);
        let weekday = if day.is_weekend() { 0.55 } else { 1.18 };
        let category_factor: Vec<f64> = CATEGORIES
            .iter()
            .map(|c| {
                let gift = if c.gift && gift_season { 1.6 } else { 1.0 };
                c.season[month as usize - 1] * (1.0 + c.growth * years) * gift
            })
            .collect();
        let date_tag = format!("{year:04}{month:02}{:02}", day.day());
        let (mut sales_no, mut return_no) = (0u32, 0u32);

        for (ci, c) in customers.iter().enumerate() {
            if Some(ci) == lost && day > lost_after {
                continue;
            }
            let p = c.orders_per_year / 365.0 * weekday * holiday;
            if rng.unit() >= p {
                continue;
            }
            // Pick the order's lines: distinct products, weighted by popularity and season.
            weights.clear();
            weights.extend(c.assortment.iter().map(|&pi| {
                let prod = &products[pi];
                match prod.product.launched {
                    Some(l) if day < l => 0.0,
                    Some(l) => prod.popularity * (day.days_since(l) as f64 / 90.0).clamp(0.05, 1.0),
                    None => prod.popularity * category_factor[prod.category],
                }
            }));
            let lines = c.lines.min(c.assortment.len());
            let per_line = c.annual / (c.orders_per_year * c.lines as f64);
            sales_no += 1;
            let order = push_order(&mut l, format!("SO{date_tag}-{sales_no:04}"));
            for _ in 0..lines {
                let Some(k) = rng.pick_weighted_opt(&weights) else {
                    break;
                };
                weights[k] = 0.0;
                let prod = &products[c.assortment[k]];
                let season = match prod.product.launched {
                    Some(_) => 1.0,
                    None => category_factor[prod.category],
                };
                let net = ((prod.price as f64) * c.price_factor).round().max(1.0) as i64;
                let noise = 0.4 + 0.6 * (rng.unit() + rng.unit());
                let qty = ((per_line * season * noise / net as f64).round() as i64).max(1);
                push_line(
                    &mut l,
                    &mut cost,
                    day,
                    ci,
                    c,
                    c.assortment[k],
                    order,
                    qty,
                    net,
                    prod.cost,
                );
            }
            // About one order in thirty is followed by a return document.
            if rng.below(30) == 0 {
                return_no += 1;
                let order = push_order(&mut l, format!("RT{date_tag}-{return_no:04}"));
                for _ in 0..1 + rng.below(2) {
                    let pi = c.assortment[rng.below(c.assortment.len() as u64) as usize];
                    let prod = &products[pi];
                    if prod.product.launched.is_some_and(|l| day < l) {
                        continue;
                    }
                    let net = ((prod.price as f64) * c.price_factor).round().max(1.0) as i64;
                    let qty = -(1 + (rng.unit() * per_line / net as f64 / 4.0).round() as i64);
                    push_line(
                        &mut l, &mut cost, day, ci, c, pi, order, qty, net, prod.cost,
                    );
                }
            }
        }
        day = day.add_days(1);
    }
    l.cost = Some(cost);
    l
}

fn push_order(l: &mut Ledger, id: String) -> u32 {
    l.orders.push(&id);
    (l.orders.len() - 1) as u32
}

#[allow(clippy::too_many_arguments)]
fn push_line(
    l: &mut Ledger,
    cost: &mut Vec<Money>,
    day: Date,
    ci: usize,
    c: &DemoCustomer,
    pi: usize,
    order: u32,
    qty: i64,
    net: i64,
    unit_cost: i64,
) {
    l.date.push(day);
    l.customer.push(ci as u32);
    l.product.push(pi as u32);
    l.region.push(c.region);
    l.salesperson.push(c.salesperson);
    l.channel.push(c.channel);
    l.order_id.push(order);
    l.quantity.push(Money(qty * 10_000));
    l.amount.push(Money(qty * net * 10_000));
    cost.push(Money(qty * unit_cost * 10_000));
}

/// SplitMix64: a tiny, good-enough PRNG with a fixed seed.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn choose<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items
            .get(self.below(items.len() as u64) as usize)
            .copied()
            .unwrap_or("")
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    fn pick_weighted(&mut self, weights: &[f64]) -> usize {
        self.pick_weighted_opt(weights).unwrap_or(0)
    }

    /// An index chosen with probability proportional to its weight; `None` if all are zero.
    fn pick_weighted_opt(&mut self, weights: &[f64]) -> Option<usize> {
        let total: f64 = weights.iter().sum();
        if total <= 0.0 {
            return None;
        }
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return Some(i);
            }
            x -= w;
        }
        weights.iter().rposition(|w| *w > 0.0)
    }
}
