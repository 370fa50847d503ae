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

/// The divisor and unit a measure is plotted in: quantities as they are (件/units), money as
/// [`amount_unit`].
pub fn measure_unit(measure: sandtable_core::review::Measure, lang: Lang) -> (f64, String) {
    match measure {
        sandtable_core::review::Measure::Quantity => (1.0, lang.pick("件", "units").to_string()),
        _ => {
            let (d, u) = amount_unit(lang);
            (d, u.to_string())
        }
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

/// Rounds a chart value to two decimals (charts show a display unit, not exact money).
fn r2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The frame every review chart shares: a title, an axis tooltip, a legend when there is more
/// than one series, a category x axis and a value y axis named with its unit.
fn review_base(
    title: &str,
    categories: Vec<String>,
    y_name: &str,
    legend: bool,
    palette: Palette,
    y_min: Option<f64>,
) -> Chart {
    let text = |size: f64| TextStyle::new().color(palette.text).font_size(size);
    let mut y_axis = Axis::new()
        .type_(AxisType::Value)
        .name(y_name)
        .name_text_style(text(12.0))
        .axis_label(AxisLabel::new().color(palette.muted));
    if let Some(min) = y_min {
        y_axis = y_axis.min(min);
    }
    let mut chart = Chart::new()
        .title(
            Title::new()
                .text(title)
                .left("center")
                .text_style(text(14.0)),
        )
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left(72)
                .right(56)
                .top(if legend { 64 } else { 48 })
                .bottom(72),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(categories)
                .axis_label(AxisLabel::new().color(palette.muted).rotate(30.0)),
        )
        .y_axis(y_axis);
    if legend {
        chart = chart.legend(bottom_legend(palette));
    }
    chart
}

/// Grouped bars: each member's value in the current and the base period.
pub fn two_period_bars(
    title: &str,
    y_name: &str,
    names: Vec<String>,
    series: [(&str, Vec<f64>); 2],
    palette: Palette,
) -> Chart {
    let [(cur_name, cur), (base_name, base)] = series;
    review_base(title, names, y_name, true, palette, None)
        .series(
            Bar::new()
                .name(cur_name)
                .data(cur.into_iter().map(r2).collect())
                .item_style(charming::element::ItemStyle::new().color(palette.bar)),
        )
        .series(
            Bar::new()
                .name(base_name)
                .data(base.into_iter().map(r2).collect())
                .item_style(charming::element::ItemStyle::new().color(palette.muted)),
        )
}

/// A waterfall: a start total, the steps (signed changes, coloured by direction with the user's
/// up/down colours) and an end total. Built as stacked bars over an invisible base.
pub fn waterfall(
    title: &str,
    y_name: &str,
    start: (&str, f64),
    steps: &[(String, f64)],
    end: (&str, f64),
    palette: Palette,
    up_down: (&str, &str),
) -> Chart {
    waterfall_marked(title, y_name, start, steps, end, palette, up_down, None)
}

/// The colour of a marked waterfall step (the bridge's unexplained remainder): amber, with a
/// name that says what it is, so that the mark does not rest on colour alone.
pub const MARK: &str = "#c98a12";

/// A [`waterfall`] with one step (by index) drawn in [`MARK`] instead of its direction's colour.
#[allow(clippy::too_many_arguments)]
pub fn waterfall_marked(
    title: &str,
    y_name: &str,
    start: (&str, f64),
    steps: &[(String, f64)],
    end: (&str, f64),
    palette: Palette,
    up_down: (&str, &str),
    marked: Option<usize>,
) -> Chart {
    use charming::datatype::DataPointItem;
    use charming::element::ItemStyle;
    let mut names = vec![start.0.to_string()];
    let mut assist = vec![0.0];
    let mut bars: Vec<DataPointItem> =
        vec![DataPointItem::new(r2(start.1)).item_style(ItemStyle::new().color(palette.bar))];
    let mut level = start.1;
    for (i, (name, delta)) in steps.iter().enumerate() {
        let next = level + delta;
        names.push(name.clone());
        assist.push(r2(level.min(next)));
        let colour = if marked == Some(i) {
            MARK
        } else if *delta >= 0.0 {
            up_down.0
        } else {
            up_down.1
        };
        bars.push(DataPointItem::new(r2(delta.abs())).item_style(ItemStyle::new().color(colour)));
        level = next;
    }
    names.push(end.0.to_string());
    assist.push(0.0);
    bars.push(DataPointItem::new(r2(end.1)).item_style(ItemStyle::new().color(palette.bar)));
    // Start the axis below the lowest level so that changes small against the totals show.
    let (mut lo, mut hi) = (start.1.min(end.1), start.1.max(end.1));
    let mut level = start.1;
    for (_, delta) in steps {
        level += delta;
        lo = lo.min(level);
        hi = hi.max(level);
    }
    let floor = waterfall_floor(lo, hi);
    review_base(title, names, y_name, false, palette, Some(floor))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .series(
            Bar::new()
                .name("base")
                .stack("w")
                .data(assist)
                .item_style(ItemStyle::new().color("transparent")),
        )
        .series(Bar::new().name(title).stack("w").data(bars))
}

/// A round axis start below `lo` (by about the spread of the levels), never below zero for
/// positive levels.
fn waterfall_floor(lo: f64, hi: f64) -> f64 {
    if lo <= 0.0 {
        return lo.min(0.0);
    }
    let spread = (hi - lo).max(hi * 0.02);
    let wanted = lo - spread;
    if wanted <= 0.0 {
        return 0.0;
    }
    let step = 10f64.powf(wanted.log10().floor());
    (wanted / step).floor() * step
}

/// A Pareto chart: members' values as bars (largest first) and their cumulative share as a
/// line on a percent axis.
pub fn pareto(
    title: &str,
    y_name: &str,
    cumulative_name: &str,
    names: Vec<String>,
    values: Vec<f64>,
    cumulative: Vec<f64>,
    palette: Palette,
) -> Chart {
    let text = |size: f64| TextStyle::new().color(palette.text).font_size(size);
    review_base(title, names, y_name, true, palette, None)
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("%")
                .min(0)
                .max(100)
                .name_text_style(text(12.0))
                .axis_label(AxisLabel::new().color(palette.muted)),
        )
        .series(
            Bar::new()
                .name(y_name)
                .data(values.into_iter().map(r2).collect())
                .item_style(charming::element::ItemStyle::new().color(palette.bar)),
        )
        .series(
            charming::series::Line::new()
                .name(cumulative_name)
                .y_axis_index(1)
                .show_symbol(false)
                .data(cumulative.into_iter().map(|c| r2(c * 100.0)).collect())
                .item_style(charming::element::ItemStyle::new().color(palette.text)),
        )
}

/// Lines over months: each series a name and its values (`None` where there is no value).
pub fn month_lines(
    title: &str,
    y_name: &str,
    months: Vec<String>,
    series: Vec<(String, Vec<Option<f64>>, bool)>,
    palette: Palette,
) -> Chart {
    let colours = [palette.bar, SECOND_LINE, palette.muted, "#8e6bbf"];
    let mut chart = review_base(title, months, y_name, series.len() > 1, palette, None);
    for (i, (name, values, dashed)) in series.into_iter().enumerate() {
        chart = chart.series(line(name, values, colours[i % colours.len()], dashed));
    }
    chart
}

/// The legend under a chart.
fn bottom_legend(palette: Palette) -> charming::component::Legend {
    charming::component::Legend::new()
        .bottom(4)
        .text_style(TextStyle::new().color(palette.text))
}

/// The colour of a chart's second line.
const SECOND_LINE: &str = "#e08a2e";

/// A line without symbols; `None` values leave a gap.
fn line(
    name: String,
    values: Vec<Option<f64>>,
    colour: &str,
    dashed: bool,
) -> charming::series::Line {
    let data: Vec<charming::datatype::DataPoint> = values
        .into_iter()
        .map(|v| match v {
            Some(v) => charming::datatype::DataPoint::from(r2(v)),
            None => charming::datatype::DataPoint::from("-"),
        })
        .collect();
    let mut style = charming::element::LineStyle::new().color(colour);
    if dashed {
        style = style.type_(charming::element::LineStyleType::Dashed);
    }
    charming::series::Line::new()
        .name(name)
        .show_symbol(false)
        .data(data)
        .line_style(style)
        .item_style(charming::element::ItemStyle::new().color(colour))
}

/// A monthly line on the left axis and a second line on an axis of its own on the right (a
/// 12-month moving total is about twelve times the monthly values: on one axis the months would
/// flatten to the floor).
pub fn month_lines_two_axes(
    title: &str,
    (left_axis, right_axis): (&str, &str),
    months: Vec<String>,
    left: (String, Vec<Option<f64>>),
    right: (String, Vec<Option<f64>>),
    palette: Palette,
) -> Chart {
    let text = |size: f64| TextStyle::new().color(palette.text).font_size(size);
    review_base(title, months, left_axis, false, palette, None)
        .legend(bottom_legend(palette))
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(right_axis)
                .name_text_style(text(12.0))
                .split_line(charming::element::SplitLine::new().show(false))
                .axis_label(AxisLabel::new().color(palette.muted)),
        )
        .series(line(left.0, left.1, palette.bar, false))
        .series(line(right.0, right.1, SECOND_LINE, false).y_axis_index(1))
}

/// Plain bars, one per category.
pub fn bars(
    title: &str,
    y_name: &str,
    categories: Vec<String>,
    values: Vec<f64>,
    palette: Palette,
) -> Chart {
    review_base(title, categories, y_name, false, palette, None).series(
        Bar::new()
            .name(title)
            .data(values.into_iter().map(r2).collect())
            .item_style(charming::element::ItemStyle::new().color(palette.bar)),
    )
}

/// Bars, one per category, with an optional dashed horizontal line at a named value (the
/// chosen target against its sources).
pub fn bars_with_line(
    title: &str,
    y_name: &str,
    categories: Vec<String>,
    values: Vec<f64>,
    line: Option<(String, f64)>,
    palette: Palette,
) -> Chart {
    use charming::element::{
        Label, LineStyle, LineStyleType, MarkLine, MarkLineData, MarkLineVariant, Symbol,
    };
    let mut bar = Bar::new()
        .name(title)
        .data(values.into_iter().map(r2).collect())
        .item_style(charming::element::ItemStyle::new().color(palette.bar));
    if let Some((name, value)) = line {
        bar = bar.mark_line(
            MarkLine::new()
                .symbol(vec![Symbol::None, Symbol::None])
                .line_style(
                    LineStyle::new()
                        .type_(LineStyleType::Dashed)
                        .color(palette.text),
                )
                .label(Label::new().formatter(name.as_str()).color(palette.text))
                .data(vec![MarkLineVariant::Simple(
                    MarkLineData::new().name(name).y_axis(r2(value)),
                )]),
        );
    }
    review_base(title, categories, y_name, false, palette, Some(0.0)).series(bar)
}

/// The text of a growth cell: an arrow and a percent with `decimals` places, so the direction
/// reads without the colour (`new_label` where the base is 0).
pub fn growth_label(g: Option<f64>, decimals: usize, new_label: &str) -> String {
    let half = 0.5 * 10f64.powi(-(decimals as i32)) / 100.0;
    match g {
        Some(g) if g >= half => format!("▲{:.*}%", decimals, g * 100.0),
        Some(g) if g <= -half => format!("▼{:.*}%", decimals, -g * 100.0),
        Some(_) => format!("{:.*}%", decimals, 0.0),
        None => new_label.to_string(),
    }
}

/// A heat map of growth: members down, months across. Each cell is coloured from the user's
/// down colour (−50%) through a neutral one (0) to the up colour (+50%), and labelled with its
/// arrow and whole percent (one decimal in the tooltip); cells without a base are labelled
/// `new_label` and left uncoloured.
pub fn growth_heatmap(
    title: &str,
    members: Vec<String>,
    months: Vec<String>,
    growth: &[Vec<Option<f64>>],
    new_label: &str,
    palette: Palette,
    up_down: (&str, &str),
) -> Chart {
    use charming::component::VisualMap;
    use charming::datatype::{DataFrame, DataPoint};
    use charming::element::{Label, Orient};
    let text = |size: f64| TextStyle::new().color(palette.text).font_size(size);
    let clip = 0.5;
    // Each cell is [x, y, clipped growth in %, label, tooltip].
    let mut data: Vec<DataFrame> = Vec::new();
    for (y, row) in growth.iter().enumerate() {
        for (x, g) in row.iter().enumerate() {
            let v = match g {
                Some(g) => DataPoint::from(r2(g.clamp(-clip, clip) * 100.0)),
                None => DataPoint::from("-"),
            };
            data.push(vec![
                DataPoint::from(x as i64),
                DataPoint::from(y as i64),
                v,
                DataPoint::from(growth_label(*g, 0, new_label)),
                DataPoint::from(growth_label(*g, 1, new_label)),
            ]);
        }
    }
    Chart::new()
        .title(
            Title::new()
                .text(title)
                .left("center")
                .text_style(text(14.0)),
        )
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{@[4]}"))
        .grid(Grid::new().left(120).right(24).top(48).bottom(96))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(months)
                .axis_label(AxisLabel::new().color(palette.muted).rotate(30.0)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(members)
                .axis_label(AxisLabel::new().color(palette.muted)),
        )
        .visual_map(
            VisualMap::new()
                .min(-clip * 100.0)
                .max(clip * 100.0)
                .dimension(2)
                .calculable(true)
                .orient(Orient::Horizontal)
                .left("center")
                .bottom(4)
                .item_height(160)
                .text_style(TextStyle::new().color(palette.muted))
                .in_range(
                    charming::component::VisualMapChannel::new()
                        .color(vec![up_down.1, "#f4f4f1", up_down.0]),
                ),
        )
        .series(
            charming::series::Heatmap::new()
                .name(title)
                .label(Label::new().show(true).formatter("{@[3]}").font_size(10))
                .data(data),
        )
}

/// A bubble in a growth × share chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bubble {
    pub name: String,
    /// Growth against the base period, a fraction (the x axis, in percent).
    pub growth: f64,
    /// Share of the current total, a fraction (the y axis, in percent).
    pub share: f64,
    /// The current value in the chart's unit: sets the bubble's size class.
    pub value: f64,
}

/// Growth (x) against share (y), bubbles sized by value in four classes, each its own series
/// named by its value range so the legend states what a size means.
pub fn growth_share_bubbles(
    title: &str,
    axes: (&str, &str),
    unit: &str,
    bubbles: &[Bubble],
    palette: Palette,
) -> Chart {
    use charming::datatype::{CompositeValue, DataPointItem};
    use charming::series::Scatter;
    let text = |size: f64| TextStyle::new().color(palette.text).font_size(size);
    let max = bubbles.iter().map(|b| b.value).fold(0.0, f64::max);
    // Class k holds values above max × bounds[k]; sizes grow with the class.
    let bounds = [0.5, 0.25, 0.1, f64::NEG_INFINITY];
    let sizes = [52.0, 38.0, 26.0, 16.0];
    let colours = [palette.bar, "#e08a2e", "#8e6bbf", palette.muted];
    let mut chart = Chart::new()
        .title(
            Title::new()
                .text(title)
                .left("center")
                .text_style(text(14.0)),
        )
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Item)
                .formatter("{b}<br/>{c}"),
        )
        .legend(bottom_legend(palette))
        .grid(Grid::new().left(72).right(56).top(72).bottom(88))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(axes.0)
                .name_location(NameLocation::Middle)
                .name_gap(28)
                .name_text_style(text(12.0))
                .axis_label(AxisLabel::new().color(palette.muted)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(axes.1)
                .name_text_style(text(12.0))
                .axis_label(AxisLabel::new().color(palette.muted)),
        );
    let class = |v: f64| {
        bounds
            .iter()
            .position(|b| v > max * b)
            .unwrap_or(bounds.len() - 1)
    };
    for (k, bound) in bounds.iter().enumerate() {
        let data: Vec<charming::datatype::DataPoint> = bubbles
            .iter()
            .filter(|b| class(b.value) == k)
            .map(|b| {
                DataPointItem::new(CompositeValue::Array(vec![
                    r2(b.growth * 100.0).into(),
                    r2(b.share * 100.0).into(),
                ]))
                .name(b.name.clone())
                .into()
            })
            .collect();
        if data.is_empty() {
            continue;
        }
        let upper = if k == 0 { max } else { max * bounds[k - 1] };
        let name = if bound.is_finite() {
            format!("{} – {} {unit}", fmt_size(max * bound), fmt_size(upper))
        } else {
            format!("≤ {} {unit}", fmt_size(upper))
        };
        chart = chart.series(
            Scatter::new()
                .name(name)
                .symbol_size(sizes[k])
                .item_style(
                    charming::element::ItemStyle::new()
                        .color(colours[k])
                        .opacity(0.75)
                        .border_color(palette.text)
                        .border_width(0.5),
                )
                .data(data),
        );
    }
    chart
}

fn fmt_size(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waterfall_steps_stand_on_an_invisible_base() {
        let steps = [("A".to_string(), 50.0), ("B".to_string(), -20.0)];
        let chart = waterfall(
            "贡献",
            "万元",
            ("基期", 300.0),
            &steps,
            ("本期", 330.0),
            Palette::for_dark(false),
            ("#d03b3b", "#2f9e5b"),
        );
        let json: serde_json::Value = serde_json::from_str(&chart.to_string()).expect("chart JSON");
        assert_eq!(
            json["xAxis"]["data"],
            serde_json::json!(["基期", "A", "B", "本期"])
        );
        assert_eq!(
            json["series"][0]["data"],
            serde_json::json!([0.0, 300.0, 330.0, 0.0])
        );
        let bars = &json["series"][1]["data"];
        assert_eq!(bars[1]["value"], 50.0);
        assert_eq!(bars[1]["itemStyle"]["color"], "#d03b3b");
        assert_eq!(bars[2]["value"], 20.0);
        assert_eq!(bars[2]["itemStyle"]["color"], "#2f9e5b");
    }

    #[test]
    fn a_marked_step_is_drawn_in_the_mark_colour_whatever_its_direction() {
        let steps = [("A".to_string(), 50.0), ("未解释 ⚠".to_string(), -20.0)];
        let chart = waterfall_marked(
            "差距桥",
            "万元",
            ("2026", 300.0),
            &steps,
            ("2027", 330.0),
            Palette::for_dark(false),
            ("#d03b3b", "#2f9e5b"),
            Some(1),
        );
        let json: serde_json::Value = serde_json::from_str(&chart.to_string()).expect("chart JSON");
        let bars = &json["series"][1]["data"];
        assert_eq!(bars[1]["itemStyle"]["color"], "#d03b3b");
        assert_eq!(bars[2]["itemStyle"]["color"], MARK);
    }

    #[test]
    fn waterfall_axes_start_below_the_lowest_level() {
        assert_eq!(waterfall_floor(8_400.0, 9_050.0), 7_000.0);
        assert_eq!(waterfall_floor(10.0, 200.0), 0.0);
        assert_eq!(waterfall_floor(-5.0, 20.0), -5.0);
    }

    #[test]
    fn pareto_plots_the_cumulative_share_in_percent_on_a_second_axis() {
        let chart = pareto(
            "帕累托",
            "万元",
            "累计占比",
            vec!["a".into(), "b".into()],
            vec![8.0, 2.0],
            vec![0.8, 1.0],
            Palette::for_dark(false),
        );
        let json: serde_json::Value = serde_json::from_str(&chart.to_string()).expect("chart JSON");
        assert_eq!(json["series"][1]["data"], serde_json::json!([80.0, 100.0]));
        assert_eq!(json["series"][1]["yAxisIndex"], 1.0);
    }

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

    #[test]
    fn growth_labels_carry_an_arrow_and_a_sign_of_their_own() {
        assert_eq!(growth_label(Some(0.123), 1, "新"), "▲12.3%");
        assert_eq!(growth_label(Some(0.123), 0, "新"), "▲12%");
        assert_eq!(growth_label(Some(-0.05), 1, "新"), "▼5.0%");
        assert_eq!(growth_label(Some(0.0), 1, "新"), "0.0%");
        // Below half a unit of the last place: no direction to show.
        assert_eq!(growth_label(Some(0.004), 0, "新"), "0%");
        assert_eq!(growth_label(Some(0.006), 0, "新"), "▲1%");
        assert_eq!(growth_label(None, 0, "新"), "新");
    }

    #[test]
    fn heatmap_cells_are_x_y_and_clipped_growth_labelled_with_the_unclipped_value() {
        let chart = growth_heatmap(
            "逐月同比",
            vec!["华东".into(), "华南".into()],
            vec!["1月".into(), "2月".into()],
            &[vec![Some(0.1), Some(2.0)], vec![None, Some(-0.25)]],
            "新",
            Palette::for_dark(false),
            ("#d03b3b", "#2f9e5b"),
        );
        let json: serde_json::Value = serde_json::from_str(&chart.to_string()).expect("chart JSON");
        let data = &json["series"][0]["data"];
        assert_eq!(data[0], serde_json::json!([0, 0, 10.0, "▲10%", "▲10.0%"]));
        // +200% is drawn at the scale's end (+50%) but labelled with its own value.
        assert_eq!(data[1], serde_json::json!([1, 0, 50.0, "▲200%", "▲200.0%"]));
        assert_eq!(data[2], serde_json::json!([0, 1, "-", "新", "新"]));
        assert_eq!(data[3], serde_json::json!([1, 1, -25.0, "▼25%", "▼25.0%"]));
        assert_eq!(json["series"][0]["label"]["formatter"], "{@[3]}");
        assert_eq!(
            json["visualMap"][0]["inRange"]["color"],
            serde_json::json!(["#2f9e5b", "#f4f4f1", "#d03b3b"])
        );
        assert_eq!(json["yAxis"]["data"], serde_json::json!(["华东", "华南"]));
    }

    #[test]
    fn bubbles_fall_into_size_classes_named_by_their_value_range() {
        let b = |name: &str, value: f64| Bubble {
            name: name.into(),
            growth: 0.1,
            share: value / 200.0,
            value,
        };
        let chart = growth_share_bubbles(
            "增长与份额",
            ("增长率 %", "份额 %"),
            "万元",
            &[
                b("a", 100.0),
                b("b", 60.0),
                b("c", 30.0),
                b("d", 5.0),
                b("e", 50.0),
            ],
            Palette::for_dark(false),
        );
        let json: serde_json::Value = serde_json::from_str(&chart.to_string()).expect("chart JSON");
        let series = json["series"].as_array().expect("series");
        let names: Vec<Vec<&str>> = series
            .iter()
            .map(|s| {
                s["data"]
                    .as_array()
                    .expect("data")
                    .iter()
                    .map(|d| d["name"].as_str().expect("name"))
                    .collect()
            })
            .collect();
        // > 50, 25–50 (50 itself is not above 50), 10–25 is empty, ≤ 10.
        assert_eq!(names, vec![vec!["a", "b"], vec!["c", "e"], vec!["d"]]);
        assert_eq!(series[0]["name"], "50.0 – 100 万元");
        assert_eq!(series[2]["name"], "≤ 10.0 万元");
        assert!(series[0]["symbolSize"].as_f64() > series[1]["symbolSize"].as_f64());
        assert_eq!(
            series[0]["data"][0]["value"],
            serde_json::json!([10.0, 50.0])
        );
    }

    #[test]
    fn a_moving_total_gets_an_axis_of_its_own_on_the_right() {
        let chart = month_lines_two_axes(
            "月度",
            ("万元", "万元（滚动 12 个月）"),
            vec!["2024-01".into(), "2024-02".into()],
            ("销售额".into(), vec![Some(10.0), Some(12.0)]),
            ("滚动合计".into(), vec![None, Some(130.0)]),
            Palette::for_dark(false),
        );
        let json: serde_json::Value = serde_json::from_str(&chart.to_string()).expect("chart JSON");
        assert_eq!(json["yAxis"].as_array().map(Vec::len), Some(2));
        assert_eq!(json["yAxis"][1]["name"], "万元（滚动 12 个月）");
        assert_eq!(json["series"][0]["data"], serde_json::json!([10.0, 12.0]));
        assert!(json["series"][0]["yAxisIndex"].is_null());
        assert_eq!(json["series"][1]["yAxisIndex"], 1.0);
        assert_eq!(json["series"][1]["data"], serde_json::json!(["-", 130.0]));
    }
}
