//! The app's task executor: a single-threaded run queue that cannot be re-entered.
//!
//! Leptos spawns every effect, resource and `spawn_local` future through `any_spawner`. The
//! stock wasm executor runs its queue from a microtask and panics ("RefCell already borrowed")
//! when the browser performs a microtask checkpoint while a future is being polled — WebKit
//! does so now and then (a reload followed by IndexedDB work is where it shows), and the page
//! then dies. Here a future is taken out of its slot while it is polled, and a run that starts
//! while another is in progress hands its work to the next macrotask instead of running it.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Wake, Waker};

use wasm_bindgen::prelude::*;

type LocalFuture = Pin<Box<dyn Future<Output = ()>>>;

/// Installs the executor. Call once, before mounting the app.
pub fn install() {
    // Fails only when an executor is already installed, which leaves that one in charge.
    let _ = any_spawner::Executor::init_local_custom_executor(RunQueue);
}

struct RunQueue;

impl any_spawner::CustomExecutor for RunQueue {
    fn spawn(&self, fut: any_spawner::PinnedFuture<()>) {
        spawn(fut);
    }
    fn spawn_local(&self, fut: any_spawner::PinnedLocalFuture<()>) {
        spawn(fut);
    }
    fn poll_local(&self) {}
}

/// One task: its future (absent while it is being polled) and a generation that tells a
/// stale wake-up for an earlier occupant of the slot from a current one.
struct Slot {
    future: Option<LocalFuture>,
    generation: u32,
    queued: bool,
}

#[derive(Default)]
struct Tasks {
    slots: Vec<Slot>,
    free: Vec<usize>,
    ready: VecDeque<(usize, u32)>,
}

thread_local! {
    static TASKS: RefCell<Tasks> = RefCell::default();
    /// A run is scheduled and has not started yet.
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    /// A run is in progress.
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static RUN: Closure<dyn FnMut()> = Closure::new(run);
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = queueMicrotask)]
    fn queue_microtask(f: &js_sys::Function);
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(f: &js_sys::Function, ms: i32) -> JsValue;
}

fn spawn(future: LocalFuture) {
    TASKS.with(|t| {
        let mut t = t.borrow_mut();
        let index = match t.free.pop() {
            Some(index) => {
                let slot = &mut t.slots[index];
                slot.future = Some(future);
                slot.queued = true;
                index
            }
            None => {
                t.slots.push(Slot {
                    future: Some(future),
                    generation: 0,
                    queued: true,
                });
                t.slots.len() - 1
            }
        };
        let generation = t.slots[index].generation;
        t.ready.push_back((index, generation));
    });
    schedule();
}

struct TaskWaker {
    index: usize,
    generation: u32,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let queued = TASKS.with(|t| {
            let mut t = t.borrow_mut();
            let Some(slot) = t.slots.get_mut(self.index) else {
                return false;
            };
            if slot.generation != self.generation || slot.queued {
                return false;
            }
            slot.queued = true;
            t.ready.push_back((self.index, self.generation));
            true
        });
        if queued {
            schedule();
        }
    }
}

/// Runs the ready tasks in a microtask, once, however many wake-ups come first.
fn schedule() {
    if !SCHEDULED.replace(true) {
        RUN.with(|run| queue_microtask(run.as_ref().unchecked_ref()));
    }
}

/// Runs the ready tasks now, as a microtask checkpoint would; inside a poll it only hands the
/// work to the next macrotask. Public for the browser tests of this module.
#[doc(hidden)]
pub fn run_ready() {
    run();
}

/// Runs the tasks that were ready when the run started; tasks woken meanwhile run next time.
fn run() {
    SCHEDULED.set(false);
    if RUNNING.replace(true) {
        // A microtask checkpoint inside a poll: leave the work to a fresh macrotask, where
        // nothing is on the stack.
        if !SCHEDULED.replace(true) {
            RUN.with(|run| set_timeout(run.as_ref().unchecked_ref(), 0));
        }
        return;
    }
    let mut budget = TASKS.with(|t| t.borrow().ready.len());
    while budget > 0 {
        budget -= 1;
        let Some(next) = TASKS.with(|t| {
            let mut t = t.borrow_mut();
            let (index, generation) = t.ready.pop_front()?;
            let slot = &mut t.slots[index];
            if slot.generation != generation {
                return Some(None);
            }
            slot.queued = false;
            Some(slot.future.take().map(|f| (index, generation, f)))
        }) else {
            break;
        };
        let Some((index, generation, mut future)) = next else {
            continue;
        };
        let waker = Waker::from(Arc::new(TaskWaker { index, generation }));
        let done = future
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_ready();
        let finished = TASKS.with(|t| {
            let mut t = t.borrow_mut();
            if done {
                let slot = &mut t.slots[index];
                slot.generation = slot.generation.wrapping_add(1);
                slot.queued = false;
                t.free.push(index);
                Some(future)
            } else {
                t.slots[index].future = Some(future);
                None
            }
        });
        // Dropped outside the borrow: a future's destructor may spawn or wake.
        drop(finished);
    }
    RUNNING.set(false);
}
