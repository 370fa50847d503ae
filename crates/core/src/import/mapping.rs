//! Which column holds which ledger field: guessed from Chinese and English headers.

use crate::Lang;
use serde::{Deserialize, Serialize};

/// A ledger field a column can be mapped to.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// 日期: the day of the sale (required).
    Date,
    /// 客户 (id or code): the customer key (required).
    Customer,
    /// 客户名称: the customer's name when a separate id column is the key.
    CustomerName,
    /// 产品 (id, SKU or code): the product key.
    Product,
    /// 产品名称: the product's name when a separate id column is the key.
    ProductName,
    /// 品类: the product category (master data).
    Category,
    /// 区域.
    Region,
    /// 业务员.
    Salesperson,
    /// 渠道 / 客户类型.
    Channel,
    /// 数量.
    Quantity,
    /// 单价: with the quantity, gives the amount when no amount column exists.
    UnitPrice,
    /// 金额 (required, or quantity and unit price).
    Amount,
    /// 成本.
    Cost,
    /// 毛利: gives the cost as amount − gross profit.
    GrossProfit,
    /// 单据编号.
    OrderId,
}

impl Field {
    /// Every field, in display order.
    pub const ALL: [Field; 15] = [
        Field::Date,
        Field::Customer,
        Field::CustomerName,
        Field::Product,
        Field::ProductName,
        Field::Category,
        Field::Region,
        Field::Salesperson,
        Field::Channel,
        Field::Quantity,
        Field::UnitPrice,
        Field::Amount,
        Field::Cost,
        Field::GrossProfit,
        Field::OrderId,
    ];

    /// The code used by the CLI and in reports: "date", "customer", "customer_name", …
    pub fn code(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Customer => "customer",
            Field::CustomerName => "customer_name",
            Field::Product => "product",
            Field::ProductName => "product_name",
            Field::Category => "category",
            Field::Region => "region",
            Field::Salesperson => "salesperson",
            Field::Channel => "channel",
            Field::Quantity => "quantity",
            Field::UnitPrice => "unit_price",
            Field::Amount => "amount",
            Field::Cost => "cost",
            Field::GrossProfit => "gross_profit",
            Field::OrderId => "order_id",
        }
    }

    /// The field for a code, see [`Field::code`].
    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The field's name for users.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Field::Date => lang.pick("日期", "date"),
            Field::Customer => lang.pick("客户", "customer"),
            Field::CustomerName => lang.pick("客户名称", "customer name"),
            Field::Product => lang.pick("产品", "product"),
            Field::ProductName => lang.pick("产品名称", "product name"),
            Field::Category => lang.pick("品类", "category"),
            Field::Region => lang.pick("区域", "region"),
            Field::Salesperson => lang.pick("业务员", "salesperson"),
            Field::Channel => lang.pick("渠道", "channel"),
            Field::Quantity => lang.pick("数量", "quantity"),
            Field::UnitPrice => lang.pick("单价", "unit price"),
            Field::Amount => lang.pick("金额", "amount"),
            Field::Cost => lang.pick("成本", "cost"),
            Field::GrossProfit => lang.pick("毛利", "gross profit"),
            Field::OrderId => lang.pick("单据编号", "order id"),
        }
    }
}

/// Whether amounts are net of VAT (无税金额, the default) or include it (价税合计).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountBasis {
    /// Net of VAT: 无税金额, 未税金额, 金额, Sales.
    #[default]
    Net,
    /// Including VAT: 价税合计, 含税金额.
    Gross,
}

/// Header aliases per field, normalised (no spaces, ASCII lower case), best first.
const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Date,
        &[
            "日期",
            "单据日期",
            "订单日期",
            "销售日期",
            "开票日期",
            "出库日期",
            "发货日期",
            "业务日期",
            "date",
            "orderdate",
            "salesdate",
            "invoicedate",
            "交易日期",
            "下单日期",
        ],
    ),
    (
        Field::Customer,
        &[
            "客户编码",
            "客户代码",
            "客户编号",
            "客户id",
            "customerid",
            "customercode",
            "customerno",
            "经销商编码",
            "经销商代码",
            "门店编码",
        ],
    ),
    (
        Field::CustomerName,
        &[
            "客户名称",
            "客户",
            "客户名",
            "客户简称",
            "customername",
            "customer",
            "client",
            "经销商",
            "经销商名称",
            "门店",
            "门店名称",
            "购货单位",
        ],
    ),
    (
        Field::Product,
        &[
            "存货编码",
            "产品编码",
            "商品编码",
            "物料编码",
            "产品代码",
            "商品代码",
            "存货代码",
            "sku",
            "productid",
            "productcode",
            "itemcode",
            "itemid",
            "货号",
            "料号",
            "产品编号",
            "商品编号",
        ],
    ),
    (
        Field::ProductName,
        &[
            "存货名称",
            "产品名称",
            "商品名称",
            "物料名称",
            "产品",
            "商品",
            "品名",
            "productname",
            "product",
            "item",
            "itemname",
            "存货",
        ],
    ),
    (
        Field::Category,
        &[
            "品类",
            "类别",
            "产品类别",
            "商品类别",
            "存货分类",
            "产品分类",
            "商品分类",
            "category",
            "productcategory",
            "大类",
        ],
    ),
    (
        Field::Region,
        &[
            "区域",
            "大区",
            "地区",
            "片区",
            "销售区域",
            "region",
            "area",
            "territory",
            "部门",
            "销售部门",
        ],
    ),
    (
        Field::Salesperson,
        &[
            "业务员",
            "销售员",
            "销售代表",
            "业务代表",
            "销售人员",
            "salesperson",
            "salesrep",
            "rep",
            "seller",
            "salesman",
        ],
    ),
    (
        Field::Channel,
        &[
            "渠道",
            "客户类型",
            "客户分类",
            "渠道类型",
            "客户类别",
            "channel",
            "segment",
            "customertype",
            "customersegment",
        ],
    ),
    (
        Field::Quantity,
        &[
            "数量",
            "销量",
            "销售数量",
            "出库数量",
            "件数",
            "quantity",
            "qty",
            "units",
            "主数量",
        ],
    ),
    (
        Field::Cost,
        &["成本", "成本金额", "销售成本", "cost", "cogs", "costamount"],
    ),
    (
        Field::GrossProfit,
        &[
            "毛利",
            "毛利额",
            "毛利润",
            "grossprofit",
            "profit",
            "grossmargin",
        ],
    ),
    (
        Field::OrderId,
        &[
            "单据编号",
            "单号",
            "单据号",
            "订单号",
            "订单编号",
            "发票号",
            "orderid",
            "orderno",
            "ordernumber",
            "invoiceno",
            "invoiceid",
            "documentno",
        ],
    ),
];

const NET_AMOUNT: &[&str] = &[
    "无税金额",
    "未税金额",
    "不含税金额",
    "本币无税金额",
    "净额",
    "金额",
    "销售额",
    "销售金额",
    "净销售额",
    "netsales",
    "netamount",
    "sales",
    "amount",
    "salesamount",
    "revenue",
    "收入",
];
const GROSS_AMOUNT: &[&str] = &[
    "价税合计",
    "含税金额",
    "本币价税合计",
    "含税销售额",
    "grossamount",
    "amountinclvat",
    "grosssales",
];
const NET_PRICE: &[&str] = &[
    "无税单价",
    "未税单价",
    "不含税单价",
    "单价",
    "unitprice",
    "price",
    "本币无税单价",
];
const GROSS_PRICE: &[&str] = &["含税单价", "本币含税单价", "grossprice", "unitpriceinclvat"];

/// A header as compared with aliases: no white space (inner spaces too: `业 务 员`), ASCII
/// letters lower case, `_`, `-` and `.` dropped, a trailing unit in brackets dropped
/// (`金额(元)`).
pub(crate) fn normalise_header(h: &str) -> String {
    let mut s: String = h
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{feff}' | '_' | '-' | '.' | '*'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']')] {
        if s.ends_with(close)
            && let Some(i) = s.rfind(open)
            && i > 0
        {
            s.truncate(i);
        }
    }
    s
}

/// The guessed mapping: field → column index, with the amount basis used.
pub(crate) fn guess(headers: &[String], gross_wanted: bool) -> (Vec<(Field, usize)>, AmountBasis) {
    let norm: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let mut used = vec![false; headers.len()];
    let mut out: Vec<(Field, usize)> = Vec::new();
    let claim = |field: Field,
                 aliases: &[&str],
                 used: &mut Vec<bool>,
                 out: &mut Vec<(Field, usize)>|
     -> bool {
        for alias in aliases {
            if let Some(col) = (0..norm.len()).find(|&c| !used[c] && norm[c] == *alias) {
                used[col] = true;
                out.push((field, col));
                return true;
            }
        }
        false
    };
    // Amount first, so that 金额 is not taken by something else.
    let (first, second, first_basis, second_basis) = if gross_wanted {
        (
            GROSS_AMOUNT,
            NET_AMOUNT,
            AmountBasis::Gross,
            AmountBasis::Net,
        )
    } else {
        (
            NET_AMOUNT,
            GROSS_AMOUNT,
            AmountBasis::Net,
            AmountBasis::Gross,
        )
    };
    let basis = if claim(Field::Amount, first, &mut used, &mut out) {
        first_basis
    } else if claim(Field::Amount, second, &mut used, &mut out) {
        second_basis
    } else {
        AmountBasis::Net
    };
    let (p1, p2) = if gross_wanted {
        (GROSS_PRICE, NET_PRICE)
    } else {
        (NET_PRICE, GROSS_PRICE)
    };
    if !claim(Field::UnitPrice, p1, &mut used, &mut out) {
        claim(Field::UnitPrice, p2, &mut used, &mut out);
    }
    for (field, aliases) in ALIASES {
        claim(*field, aliases, &mut used, &mut out);
    }
    // A name column alone is the key.
    for (id, name) in [
        (Field::Customer, Field::CustomerName),
        (Field::Product, Field::ProductName),
    ] {
        if !out.iter().any(|(f, _)| *f == id)
            && let Some(entry) = out.iter_mut().find(|(f, _)| *f == name)
        {
            entry.0 = id;
        }
    }
    out.sort();
    (out, basis)
}

/// Whether a header names an amount or price including VAT.
pub(crate) fn is_gross_header(h: &str) -> bool {
    let n = normalise_header(h);
    GROSS_AMOUNT.contains(&n.as_str()) || GROSS_PRICE.contains(&n.as_str())
}

/// Whether a header names any known field (used to find the header row).
pub(crate) fn is_known_header(h: &str) -> bool {
    let n = normalise_header(h);
    if n.is_empty() {
        return false;
    }
    let n = n.as_str();
    ALIASES.iter().any(|(_, a)| a.contains(&n))
        || NET_AMOUNT.contains(&n)
        || GROSS_AMOUNT.contains(&n)
        || NET_PRICE.contains(&n)
        || GROSS_PRICE.contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn u8_headers_map_ids_as_keys_and_prefer_net_amounts() {
        let h = headers(&[
            "单据日期",
            "单据编号",
            "客户编码",
            "客户名称",
            "存货编码",
            "存货名称",
            "数量",
            "无税金额",
            "价税合计",
            "业 务 员",
        ]);
        let (m, basis) = guess(&h, false);
        assert_eq!(basis, AmountBasis::Net);
        assert_eq!(
            m,
            [
                (Field::Date, 0),
                (Field::Customer, 2),
                (Field::CustomerName, 3),
                (Field::Product, 4),
                (Field::ProductName, 5),
                (Field::Salesperson, 9),
                (Field::Quantity, 6),
                (Field::Amount, 7),
                (Field::OrderId, 1),
            ]
        );
        let (m, basis) = guess(&h, true);
        assert_eq!(basis, AmountBasis::Gross);
        assert!(m.contains(&(Field::Amount, 8)));
    }

    #[test]
    fn a_name_column_alone_is_the_key() {
        let (m, _) = guess(&headers(&["日期", "客户", "产品", "金额(元)"]), false);
        assert_eq!(
            m,
            [
                (Field::Date, 0),
                (Field::Customer, 1),
                (Field::Product, 2),
                (Field::Amount, 3)
            ]
        );
    }
}
