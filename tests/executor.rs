//! The app's executor in a real browser: every spawned future runs to completion, a future
//! that wakes itself is polled again, and a run started while a future is being polled (what a
//! microtask checkpoint inside a poll does) polls nothing and loses nothing.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use any_spawner::Executor;
use sandtable_app::executor;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Pending `times` polls (waking itself each time), then ready.
struct YieldTimes {
    times: u32,
    polls: Rc<Cell<u32>>,
    during_poll: Option<Box<dyn Fn()>>,
}

impl Future for YieldTimes {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.polls.set(self.polls.get() + 1);
        if let Some(f) = &self.during_poll {
            f();
        }
        if self.times == 0 {
            return Poll::Ready(());
        }
        self.times -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timer");
}

#[wasm_bindgen_test]
async fn spawned_futures_run_to_completion_and_self_wakes_are_polled_again() {
    executor::install();
    let done = Rc::new(Cell::new(0u32));
    let polls = Rc::new(Cell::new(0u32));
    for i in 0..200u32 {
        let done = done.clone();
        let fut = YieldTimes {
            times: i % 7,
            polls: polls.clone(),
            during_poll: None,
        };
        Executor::spawn_local(async move {
            fut.await;
            done.set(done.get() + 1);
        });
    }
    sleep(50).await;
    assert_eq!(done.get(), 200);
    let expected: u32 = (0..200u32).map(|i| i % 7 + 1).sum();
    assert_eq!(polls.get(), expected);
}

#[wasm_bindgen_test]
async fn a_run_started_inside_a_poll_polls_nothing_and_the_work_still_finishes() {
    executor::install();
    let done = Rc::new(Cell::new(0u32));
    let other_polls = Rc::new(Cell::new(0u32));
    let nested_saw = Rc::new(Cell::new(u32::MAX));
    // A second task, ready at the same time as the first.
    {
        let done = done.clone();
        let fut = YieldTimes {
            times: 3,
            polls: other_polls.clone(),
            during_poll: None,
        };
        Executor::spawn_local(async move {
            fut.await;
            done.set(done.get() + 1);
        });
    }
    {
        let done = done.clone();
        let seen = other_polls.clone();
        let nested = nested_saw.clone();
        let fut = YieldTimes {
            times: 2,
            polls: Rc::new(Cell::new(0)),
            // A nested run while this future is being polled: it must not poll anything.
            during_poll: Some(Box::new(move || {
                let before = seen.get();
                executor::run_ready();
                nested.set(seen.get() - before);
            })),
        };
        Executor::spawn_local(async move {
            fut.await;
            done.set(done.get() + 1);
        });
    }
    sleep(100).await;
    assert_eq!(nested_saw.get(), 0, "a nested run polled another task");
    assert_eq!(done.get(), 2);
    assert_eq!(other_polls.get(), 4);
}
