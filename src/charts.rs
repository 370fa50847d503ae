//! Chart definitions as plain data (charming `Chart`s), built by pure functions so they can be
//! tested natively. The `components::chart` component draws them with ECharts.

use charming::Chart;
use charming::component::{Axis, Grid, Title};
use charming::element::{AxisLabel, AxisType, NameLocation, TextStyle, Tooltip, Trigger};
use charming::series::Bar;
use sandtable_core::{Lang, Money};

/// Colours that follow the light or dark theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub text: &'static str,
    pub muted: &'static str,
    pub bar: &'static str,
}

impl Palette {
    pub fn for_dark(dark: bool) -> Palette {
        if dark {
            Palette {
                text: "#e3e8ef",
                muted: "#9aa7b6",
                bar: "#5b9bd5",
            }
        } else {
            Palette {
                text: "#1d2733",
                muted: "#5f6b7a",
                bar: "#2e6da4",
            }
        }
    }
}

/// The unit monthly amounts are plotted in: 万元 in Chinese, thousands of yuan in English.
pub fn amount_unit(lang: Lang) -> (f64, &'static str) {
    match lang {
        Lang::Zh => (10_000.0, "万元"),
        Lang::En => (1_000.0, "¥ thousand"),
    }
}

/// Labels of a monthly chart.
pub struct MonthlyLabels<'a> {
    pub title: &'a str,
    pub x_axis: &'a str,
    pub y_axis: &'a str,
}

/// A bar chart of sales per month, in the language's display unit.
pub fn monthly_sales(
    months: &[(i32, u32, Money)],
    lang: Lang,
    labels: &MonthlyLabels<'_>,
    palette: Palette,
) -> Chart {
    let (divisor, unit) = amount_unit(lang);
    let categories: Vec<String> = months
        .iter()
        .map(|(y, m, _)| format!("{y}-{m:02}"))
        .collect();
    let values: Vec<f64> = months
        .iter()
        .map(|(_, _, v)| (v.to_f64() / divisor * 100.0).round() / 100.0)
        .collect();
    let text = |size: f64| TextStyle::new().color(palette.text).font_size(size);
    Chart::new()
        .title(
            Title::new()
                .text(labels.title)
                .left("center")
                .text_style(text(14.0)),
        )
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(64).right(24).top(48).bottom(56))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(categories)
                .name(labels.x_axis)
                .name_location(NameLocation::Middle)
                .name_gap(32)
                .name_text_style(text(12.0))
                .axis_label(AxisLabel::new().color(palette.muted)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(
                    format!("{}（{unit}）", labels.y_axis)
                        .replace("（¥ thousand）", " (¥ thousand)"),
                )
                .name_text_style(text(12.0))
                .axis_label(AxisLabel::new().color(palette.muted)),
        )
        .series(
            Bar::new()
                .name(labels.title)
                .data(values)
                .item_style(charming::element::ItemStyle::new().color(palette.bar)),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> MonthlyLabels<'static> {
        MonthlyLabels {
            title: "月度销售额",
            x_axis: "月份",
            y_axis: "销售额",
        }
    }

    #[test]
    fn monthly_chart_plots_one_bar_per_month_in_wan_yuan() {
        let months = [
            (2024, 1, Money::from_minor(1_234_560_000)),
            (2024, 2, Money::ZERO),
        ];
        let chart = monthly_sales(&months, Lang::Zh, &labels(), Palette::for_dark(false));
        let json: serde_json::Value = serde_json::from_str(&chart.to_string()).expect("chart JSON");
        assert_eq!(
            json["xAxis"]["data"],
            serde_json::json!(["2024-01", "2024-02"])
        );
        assert_eq!(json["series"][0]["data"], serde_json::json!([12.35, 0.0]));
        assert_eq!(json["yAxis"]["name"], "销售额（万元）");
        assert_eq!(json["title"][0]["text"], "月度销售额");
    }

    #[test]
    fn english_charts_use_thousands() {
        let months = [(2024, 1, Money::from_minor(2_500 * 10_000))];
        let chart = monthly_sales(&months, Lang::En, &labels(), Palette::for_dark(true));
        let json: serde_json::Value = serde_json::from_str(&chart.to_string()).expect("chart JSON");
        assert_eq!(json["series"][0]["data"], serde_json::json!([2.5]));
    }
}
