//! The ledger import wizard: choose or drop a file → detected shape (encoding, delimiter, header
//! row, date order, sheet), preview and column mapping, all changeable → validation report
//! (rejected rows, downloadable as CSV) → commit. The file is read in the import worker; nothing
//! is stored until the user commits, so cancelling at any step changes nothing.

use std::time::Duration;

use leptos::prelude::*;
use sandtable_core::import::{AmountBasis, DateOrder, Encoding, Field};
use sandtable_core::{Lang, format_count, format_money};

use crate::components::drop_zone::DropZone;
use crate::context::use_lang;
use crate::files;
use crate::i18n::*;
use crate::import_bridge::{Bilingual, Choices, Command, ReportView, SniffView};
use crate::import_client::{self, Outcome, Pending};
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Choose,
    Shape,
    Report,
    Done,
}

const REQUIRED: [Field; 3] = [Field::Date, Field::Customer, Field::Amount];
const DELIMITERS: [(u8, &str); 4] = [(b',', ","), (b';', ";"), (b'\t', "Tab"), (b'|', "|")];

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let lang = use_lang();
    let step = RwSignal::new(Step::Choose);
    let file: StoredValue<Option<web_sys::File>, LocalStorage> = StoredValue::new_local(None);
    let file_name = RwSignal::new(String::new());
    let choices = RwSignal::new(Choices::default());
    let sniff: RwSignal<Option<SniffView>> = RwSignal::new(None);
    let report: RwSignal<Option<ReportView>> = RwSignal::new(None);
    let imported: StoredValue<Option<Pending>> = StoredValue::new(None);
    let busy = RwSignal::new(false);
    // While the checked rows are written to the workspace (synchronous, seconds for a
    // million rows): shown before the work starts.
    let writing = RwSignal::new(false);
    let error: RwSignal<Option<Bilingual>> = RwSignal::new(None);
    let done: RwSignal<Option<Bilingual>> = RwSignal::new(None);
    // The fraction of the file read, while a whole file is read.
    let progress: RwSignal<Option<f64>> = RwSignal::new(None);
    // Each request gets a number; an answer to a superseded request is dropped.
    let generation = StoredValue::new(0u32);

    let run = move |command: Command| {
        let Some(f) = file.get_value() else { return };
        let c = choices.get_untracked();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        busy.set(true);
        progress.set(None);
        error.set(None);
        leptos::task::spawn_local(async move {
            let outcome = import_client::request(command, &f, &c, move |x| {
                if generation.get_value() == mine {
                    progress.set(Some(x));
                }
            })
            .await;
            if generation.get_value() != mine {
                return;
            }
            busy.set(false);
            match outcome {
                Ok(Outcome::Sniffed(s)) => {
                    sniff.set(Some(s));
                    step.set(Step::Shape);
                }
                Ok(Outcome::Read(r, pending)) => {
                    imported.set_value(Some(*pending));
                    report.set(Some(r));
                    step.set(Step::Report);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let take_file = move |f: web_sys::File| {
        file_name.set(f.name());
        file.set_value(Some(f));
        choices.set(Choices::default());
        sniff.set(None);
        report.set(None);
        imported.set_value(None);
        done.set(None);
        run(Command::Sniff);
    };
    let reset = move || {
        generation.update_value(|g| *g += 1);
        file.set_value(None);
        file_name.set(String::new());
        sniff.set(None);
        report.set(None);
        imported.set_value(None);
        busy.set(false);
        error.set(None);
        step.set(Step::Choose);
    };
    let change = move |f: Box<dyn FnOnce(&mut Choices)>| {
        choices.update(|c| f(c));
        run(Command::Sniff);
    };
    let finish_commit = move || {
        let Some(pending) = imported.try_update_value(Option::take).flatten() else {
            return;
        };
        let i = match pending.into_imported() {
            Ok(i) => i,
            Err(e) => return error.set(Some(e)),
        };
        let name = file_name.get_untracked();
        let added = state.import_ledger(i, &name);
        done.set(Some(Bilingual::of(|l| added.message(l))));
        report.set(None);
        step.set(Step::Done);
    };
    let commit = move |_| {
        if writing.get_untracked() {
            return;
        }
        writing.set(true);
        busy.set(true);
        // Let the executor put the busy card in the page, let the browser paint a frame with
        // it, and only then do the blocking work.
        set_timeout(
            move || {
                request_animation_frame(move || {
                    set_timeout(
                        move || {
                            finish_commit();
                            busy.set(false);
                            writing.set(false);
                        },
                        Duration::ZERO,
                    )
                })
            },
            Duration::ZERO,
        );
    };

    view! {
        <section
            class="page"
            aria-labelledby="import-title"
            data-testid="import-wizard"
            aria-busy=move || busy.get().to_string()
        >
            <h2 class="page-title" id="import-title">
                {t!(i18n, import_ledger_title)}
                <small>{t!(i18n, area_data)}</small>
            </h2>
            <ol class="steps" aria-label=move || t_string!(i18n, import_ledger_title)>
                {[(Step::Choose, 1), (Step::Shape, 2), (Step::Report, 3), (Step::Done, 4)]
                    .into_iter()
                    .map(|(s, n)| {
                        let label = move || match s {
                            Step::Choose => t_string!(i18n, wiz_step_file),
                            Step::Shape => t_string!(i18n, wiz_step_shape),
                            Step::Report => t_string!(i18n, wiz_step_report),
                            Step::Done => t_string!(i18n, wiz_step_done),
                        };
                        view! {
                            <li class:current=move || step.get() == s aria-current=move || (step.get() == s).then_some("step")>
                                <span class="step-n">{n}</span>
                                {label}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <div class="banner bad" role="alert" data-testid="wiz-error">
                                <strong>"⚠ "{t!(i18n, import_error_title)}" — "{file_name.get()}</strong>
                                <p>{move || e.get(lang.get()).to_string()}</p>
                                <p>{t!(i18n, import_nothing_changed)}</p>
                            </div>
                        }
                    })
            }}
            <Show when=move || writing.get()>
                <div class="card busy" role="status" data-testid="wiz-writing">
                    <div class="progress indeterminate" aria-hidden="true"><span></span></div>
                    <p>{t!(i18n, wiz_writing)}" "{move || file_name.get()}</p>
                </div>
            </Show>
            <Show when=move || busy.get() && !writing.get()>
                <div class="card busy" role="status" data-testid="wiz-busy">
                    {move || match progress.get() {
                        Some(x) => view! {
                            <progress class="bar" data-testid="wiz-progress" max="100" value=format!("{:.0}", x * 100.0)></progress>
                            <span class="num">{format!("{:.0}%", x * 100.0)}</span>
                        }.into_any(),
                        None => view! { <div class="progress indeterminate" aria-hidden="true"><span></span></div> }.into_any(),
                    }}
                    <p>{t!(i18n, wiz_reading)}" "{move || file_name.get()}</p>
                    <button data-testid="wiz-cancel-busy" on:click=move |_| reset()>{t!(i18n, cancel)}</button>
                </div>
            </Show>
            {move || match step.get() {
                Step::Choose => view! { <ChooseFile on_file=take_file /> }.into_any(),
                Step::Shape => view! {
                    <ShapeStep sniff=sniff choices=choices lang=lang busy=busy
                        on_change=Callback::new(move |f: ChoiceChange| change(f.0))
                        on_next=Callback::new(move |_| run(Command::Read))
                        on_cancel=Callback::new(move |_| reset()) />
                }.into_any(),
                Step::Report => view! {
                    <ReportStep report=report lang=lang busy=busy
                        on_back=Callback::new(move |_| step.set(Step::Shape))
                        on_commit=Callback::new(commit)
                        on_cancel=Callback::new(move |_| reset()) />
                }.into_any(),
                Step::Done => view! {
                    <div class="card" data-testid="wiz-done">
                        <h3>"✓ "{t!(i18n, wiz_done_title)}</h3>
                        <p data-testid="wiz-done-message">{move || done.get().map(|d| d.get(lang.get()).to_string())}</p>
                        <div class="actions">
                            <a class="button primary" href="#/data">{t!(i18n, back_to_data)}</a>
                            <button on:click=move |_| reset()>{t!(i18n, wiz_another)}</button>
                        </div>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// A change to the choices (boxed so one callback type serves every control).
pub struct ChoiceChange(Box<dyn FnOnce(&mut Choices)>);

#[component]
fn ChooseFile(#[prop(into)] on_file: Callback<web_sys::File>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="card">
            <p class="intro">{t!(i18n, wiz_intro)}</p>
            <DropZone
                zone_test_id="ledger-dropzone"
                input_test_id="ledger-file-input"
                accept=".csv,.txt,.tsv,.xlsx,.xls,.xlsb,.ods,text/csv"
                big=true
                on_file=on_file
            >
                <span>{t!(i18n, wiz_drop_hint)}</span>
                <small class="muted">{t!(i18n, wiz_formats)}</small>
            </DropZone>
        </div>
    }
}

#[component]
fn ShapeStep(
    sniff: RwSignal<Option<SniffView>>,
    choices: RwSignal<Choices>,
    lang: Signal<Lang>,
    busy: RwSignal<bool>,
    on_change: Callback<ChoiceChange>,
    on_next: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = move || sniff.get();
    let missing = move || sniff.with(|s| s.as_ref().map(|s| s.missing.clone()).unwrap_or_default());
    let mapped = move |f: Field| {
        sniff.with(|s| {
            s.as_ref()
                .and_then(|s| s.mapping.iter().find(|m| m.field == f).cloned())
        })
    };
    let set = move |f: Box<dyn FnOnce(&mut Choices)>| on_change.run(ChoiceChange(f));
    view! {
        <div class="columns">
            <div class="card" data-testid="wiz-detect">
                <h3>{t!(i18n, wiz_detected)}</h3>
                <div class="form-grid">
                    <label>
                        <span>{t!(i18n, wiz_encoding)}</span>
                        <select
                            data-testid="wiz-encoding"
                            disabled=move || s().is_some_and(|s| s.encoding.is_none())
                            on:change=move |e| {
                                let v = event_target_value(&e);
                                set(Box::new(move |c| c.encoding = Encoding::from_code(&v)));
                            }
                        >
                            <option value="" selected=move || choices.with(|c| c.encoding.is_none())>
                                {move || format!("{} ({})", t_string!(i18n, wiz_auto), s().and_then(|s| s.encoding).map(|e| e.code()).unwrap_or("—"))}
                            </option>
                            {Encoding::ALL.into_iter().map(|e| view! {
                                <option value=e.code() selected=move || choices.with(|c| c.encoding == Some(e))>{e.code()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{t!(i18n, wiz_delimiter)}</span>
                        <select
                            data-testid="wiz-delimiter"
                            disabled=move || s().is_some_and(|s| s.delimiter.is_none())
                            on:change=move |e| {
                                let v = event_target_value(&e);
                                set(Box::new(move |c| c.delimiter = v.parse::<u8>().ok()));
                            }
                        >
                            <option value="" selected=move || choices.with(|c| c.delimiter.is_none())>
                                {move || {
                                    let d = s().and_then(|s| s.delimiter).map(delimiter_label).unwrap_or("—");
                                    format!("{} ({d})", t_string!(i18n, wiz_auto))
                                }}
                            </option>
                            {DELIMITERS.into_iter().map(|(b, l)| view! {
                                <option value=b.to_string() selected=move || choices.with(|c| c.delimiter == Some(b))>{l}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{t!(i18n, wiz_header_row)}</span>
                        <input
                            type="number"
                            min="1"
                            data-testid="wiz-header-row"
                            prop:value=move || s().map(|s| s.header_row.to_string()).unwrap_or_default()
                            on:change=move |e| {
                                let v = event_target_value(&e).parse::<usize>().ok().filter(|n| *n >= 1);
                                set(Box::new(move |c| { c.header_row = v; c.mapping.clear(); }));
                            }
                        />
                    </label>
                    <label>
                        <span>{t!(i18n, wiz_date_order)}</span>
                        <select
                            data-testid="wiz-date-order"
                            on:change=move |e| {
                                let v = event_target_value(&e);
                                set(Box::new(move |c| c.date_order = DateOrder::from_code(&v)));
                            }
                        >
                            <option value="" selected=move || choices.with(|c| c.date_order.is_none())>
                                {move || format!("{} ({})", t_string!(i18n, wiz_auto), s().map(|s| date_order_label(s.date_order)).unwrap_or("—"))}
                            </option>
                            {[DateOrder::Ymd, DateOrder::Mdy, DateOrder::Dmy].into_iter().map(|o| view! {
                                <option value=o.code() selected=move || choices.with(|c| c.date_order == Some(o))>{date_order_label(o)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <Show when=move || s().is_some_and(|s| !s.sheets.is_empty())>
                        <label>
                            <span>{t!(i18n, wiz_sheet)}</span>
                            <select
                                data-testid="wiz-sheet"
                                on:change=move |e| {
                                    let v = event_target_value(&e);
                                    set(Box::new(move |c| { c.sheet = Some(v); c.header_row = None; c.mapping.clear(); }));
                                }
                            >
                                {move || s().map(|s| {
                                    let current = s.sheet.clone();
                                    s.sheets.into_iter().map(|name| {
                                        let selected = current.as_deref() == Some(name.as_str());
                                        view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                                    }).collect_view()
                                })}
                            </select>
                        </label>
                    </Show>
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid="wiz-gross"
                            prop:checked=move || choices.with(|c| c.gross_amount)
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                set(Box::new(move |c| c.gross_amount = on));
                            }
                        />
                        <span>{t!(i18n, wiz_gross)}</span>
                    </label>
                </div>
                <p class="muted small" data-testid="wiz-basis">
                    {move || s().map(|s| match (s.amount_basis, lang.get()) {
                        (AmountBasis::Net, Lang::Zh) => "金额口径：不含税（无税金额）",
                        (AmountBasis::Gross, Lang::Zh) => "金额口径：含税（价税合计）",
                        (AmountBasis::Net, Lang::En) => "Amounts: net of VAT",
                        (AmountBasis::Gross, Lang::En) => "Amounts: including VAT (gross)",
                    })}
                </p>
            </div>
            <div class="card" data-testid="wiz-mapping">
                <h3>{t!(i18n, wiz_mapping)}</h3>
                <p class="muted small">{t!(i18n, wiz_mapping_hint)}</p>
                <div class="table-wrap">
                <table class="grid mapping">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, wiz_field)}</th>
                            <th scope="col">{t!(i18n, wiz_column)}</th>
                            <th scope="col">{t!(i18n, wiz_samples)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {Field::ALL.into_iter().map(|f| {
                            let required = REQUIRED.contains(&f);
                            view! {
                                <tr class:missing=move || missing().contains(&f)>
                                    <th scope="row">
                                        {move || f.label(lang.get())}
                                        {required.then_some(" *")}
                                        {move || missing().contains(&f).then(|| view! { <span class="flag">" ⚠"</span> })}
                                    </th>
                                    <td>
                                        <select
                                            data-testid=format!("wiz-map-{}", f.code())
                                            aria-label=move || f.label(lang.get())
                                            on:change=move |e| {
                                                let v = event_target_value(&e);
                                                set(Box::new(move |c| {
                                                    c.mapping.retain(|(g, _)| *g != f);
                                                    c.mapping.push((f, v));
                                                }));
                                            }
                                        >
                                            <option value="" selected=move || mapped(f).is_none()>"—"</option>
                                            {move || s().map(|s| s.headers.into_iter().map(|h| {
                                                let selected = mapped(f).is_some_and(|m| m.header == h);
                                                view! { <option value=h.clone() selected=selected>{h.clone()}</option> }
                                            }).collect_view())}
                                        </select>
                                    </td>
                                    <td class="samples">{move || mapped(f).map(|m| m.samples.join(" · ")).unwrap_or_default()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            </div>
        </div>
        <div class="card">
            <h3>{t!(i18n, wiz_preview)}</h3>
            <div class="table-wrap">
                <table class="grid" data-testid="wiz-preview">
                    <thead>
                        <tr>
                            {move || s().map(|s| s.headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view())}
                        </tr>
                    </thead>
                    <tbody>
                        {move || s().map(|s| s.rows.into_iter().map(|r| view! {
                            <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
        </div>
        <div class="actions wizard-actions">
            <button data-testid="wiz-cancel" on:click=move |_| on_cancel.run(())>{t!(i18n, cancel)}</button>
            <button
                class="primary"
                data-testid="wiz-next"
                disabled=move || busy.get() || !missing().is_empty()
                on:click=move |_| on_next.run(())
            >
                {t!(i18n, wiz_validate)}" →"
            </button>
        </div>
    }
}

fn delimiter_label(b: u8) -> &'static str {
    DELIMITERS
        .iter()
        .find(|(d, _)| *d == b)
        .map(|(_, l)| *l)
        .unwrap_or("?")
}

fn date_order_label(o: DateOrder) -> &'static str {
    match o {
        DateOrder::Ymd => "Y-M-D",
        DateOrder::Mdy => "M/D/Y",
        DateOrder::Dmy => "D/M/Y",
    }
}

#[component]
fn ReportStep(
    report: RwSignal<Option<ReportView>>,
    lang: Signal<Lang>,
    busy: RwSignal<bool>,
    on_back: Callback<()>,
    on_commit: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = move || report.get();
    let download = move |_| {
        if let Some(r) = report.get_untracked() {
            let name = files::safe_file_name(&format!("{}-rejected", r.file_name), ".csv");
            let _ = files::download_text(
                &name,
                "text/csv;charset=utf-8",
                &r.rejected_csv(lang.get_untracked()),
            );
        }
    };
    view! {
        {move || r().map(|r| {
            let shown = r.rejected.len().min(200);
            let rejected_count = r.rejected.len();
            let excluded = r.excluded_totals.len();
            let (rows_read, imported_rows) = (r.rows_read, r.imported);
            let period = match (r.first_date, r.last_date) {
                (Some(a), Some(b)) => format!("{a} – {b}"),
                _ => "—".into(),
            };
            let encoding = r.encoding.map(|e| e.code().to_string()).unwrap_or_else(|| r.format.clone());
            let delimiter = r.delimiter.clone().map(|d| if d == "\t" { "Tab".to_string() } else { d }).unwrap_or_else(|| "—".into());
            let mapping = r.mapping.clone();
            let total = r.total_amount;
            let file_total = r.file_total;
            let warnings = r.warnings.clone();
            let rejected = r.rejected.clone();
            view! {
                <div class="card" data-testid="wiz-report">
                    <h3>{t!(i18n, wiz_report_title)}" — "{r.file_name.clone()}</h3>
                    <div class="stats">
                        <div class="stat" data-testid="wiz-rows-read" data-value=rows_read.to_string()>
                            <span class="stat-label">{t!(i18n, wiz_rows_read)}</span>
                            <span class="stat-value num">{move || format_count(rows_read as u64, lang.get())}</span>
                        </div>
                        <div class="stat" data-testid="wiz-imported" data-value=imported_rows.to_string()>
                            <span class="stat-label">{t!(i18n, wiz_rows_ok)}</span>
                            <span class="stat-value num">{move || format_count(imported_rows as u64, lang.get())}</span>
                        </div>
                        <div class="stat" data-testid="wiz-rejected" data-value=rejected_count.to_string()>
                            <span class="stat-label">{t!(i18n, wiz_rows_rejected)}</span>
                            <span class="stat-value num" class:bad={rejected_count > 0}>
                                {if rejected_count > 0 { "⚠ " } else { "" }}{move || format_count(rejected_count as u64, lang.get())}
                            </span>
                        </div>
                        <div class="stat" data-testid="wiz-excluded" data-value=excluded.to_string()>
                            <span class="stat-label">{t!(i18n, wiz_rows_totals)}</span>
                            <span class="stat-value num">{move || format_count(excluded as u64, lang.get())}</span>
                        </div>
                        <div class="stat wide" data-testid="wiz-total" data-value=total.to_decimal_string()>
                            <span class="stat-label">{t!(i18n, wiz_total)}</span>
                            <span class="stat-value num">{move || format_money(total, lang.get())}</span>
                            <span class="stat-unit">
                                {move || file_total.map(|f| format!("{} {}{}", t_string!(i18n, wiz_file_total), format_money(f, lang.get()), if f == total { " ✓" } else { " ≠" }))}
                            </span>
                        </div>
                        <div class="stat wide">
                            <span class="stat-label">{t!(i18n, stat_period)}</span>
                            <span class="stat-value num">{period}</span>
                        </div>
                    </div>
                    <dl class="summary">
                        <dt>{t!(i18n, wiz_encoding)}</dt><dd data-testid="wiz-report-encoding">{encoding}</dd>
                        <dt>{t!(i18n, wiz_delimiter)}</dt><dd>{delimiter}</dd>
                        <dt>{t!(i18n, wiz_header_row)}</dt><dd>{r.header_row}</dd>
                        <dt>{t!(i18n, wiz_date_order)}</dt><dd data-testid="wiz-report-date-order">{date_order_label(r.date_order)}</dd>
                        <dt>{t!(i18n, wiz_mapping)}</dt>
                        <dd>{move || mapping.iter().map(|(f, h)| format!("{} ← {h}", f.label(lang.get()))).collect::<Vec<_>>().join("；")}</dd>
                    </dl>
                    {(!warnings.is_empty()).then(|| view! {
                        <div class="banner warn">
                            <strong>{t!(i18n, import_warnings)}</strong>
                            <ul>{warnings.into_iter().take(50).map(|w| view! { <li>{move || w.get(lang.get()).to_string()}</li> }).collect_view()}</ul>
                        </div>
                    })}
                </div>
                {(rejected_count > 0).then(|| view! {
                    <div class="card">
                        <div class="card-head">
                            <h3>{t!(i18n, wiz_rejected_title)}</h3>
                            <button data-testid="wiz-rejected-csv" on:click=download>"⇩ "{t!(i18n, wiz_rejected_download)}</button>
                        </div>
                        <div class="table-wrap tall">
                            <table class="grid" data-testid="wiz-rejected-table">
                                <thead>
                                    <tr>
                                        <th scope="col" class="num">{t!(i18n, wiz_row)}</th>
                                        <th scope="col">{t!(i18n, wiz_column)}</th>
                                        <th scope="col">{t!(i18n, wiz_value)}</th>
                                        <th scope="col">{t!(i18n, wiz_reason)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rejected.into_iter().take(shown).map(|x| view! {
                                        <tr>
                                            <td class="num">{x.row}</td>
                                            <td>{x.column.clone()}</td>
                                            <td class="mono">{x.value.clone()}</td>
                                            <td>{move || x.reason.get(lang.get()).to_string()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {(rejected_count > shown).then(|| view! { <p class="muted small">{format!("… +{}", rejected_count - shown)}</p> })}
                    </div>
                })}
                <div class="actions wizard-actions">
                    <button data-testid="wiz-cancel" disabled=move || busy.get() on:click=move |_| on_cancel.run(())>{t!(i18n, cancel)}</button>
                    <button data-testid="wiz-back" disabled=move || busy.get() on:click=move |_| on_back.run(())>"← "{t!(i18n, wiz_back)}</button>
                    <button
                        class="primary"
                        data-testid="wiz-commit"
                        disabled=move || busy.get() || imported_rows == 0
                        on:click=move |_| on_commit.run(())
                    >
                        {t!(i18n, wiz_commit)}" ("{move || format_count(imported_rows as u64, lang.get())}")"
                    </button>
                </div>
            }
        })}
    }
}
