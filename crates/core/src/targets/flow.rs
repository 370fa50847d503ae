//! A maximum flow (Dinic's algorithm) over integer capacities, the engine behind controlled
//! rounding of grids and the feasibility check of a grid's margins. Iterative throughout, so
//! that long augmenting paths never deepen the call stack.

/// A flow network with integer capacities.
pub(crate) struct Flow {
    /// First arc out of each node (`NONE` when none).
    head: Vec<u32>,
    /// Per arc: the node it points to, the next arc of the same tail, the residual capacity.
    to: Vec<u32>,
    next: Vec<u32>,
    cap: Vec<i64>,
    level: Vec<i32>,
    iter: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl Flow {
    /// A network of `nodes` nodes and room for `arcs` arcs (each edge adds two).
    pub(crate) fn new(nodes: usize, arcs: usize) -> Flow {
        Flow {
            head: vec![NONE; nodes],
            to: Vec::with_capacity(arcs),
            next: Vec::with_capacity(arcs),
            cap: Vec::with_capacity(arcs),
            level: vec![0; nodes],
            iter: vec![0; nodes],
        }
    }

    /// Adds an edge `u → v` with capacity `cap`; returns its index, for [`Flow::flow_on`].
    pub(crate) fn edge(&mut self, u: usize, v: usize, cap: i64) -> usize {
        let e = self.to.len();
        self.to.push(v as u32);
        self.next.push(self.head[u]);
        self.cap.push(cap);
        self.head[u] = e as u32;
        self.to.push(u as u32);
        self.next.push(self.head[v]);
        self.cap.push(0);
        self.head[v] = e as u32 + 1;
        e
    }

    /// Sends `amount` more along edge `e` (within its capacity left), before or between
    /// [`Flow::max_flow`] calls: a starting flow the maximum flow then builds on.
    pub(crate) fn push(&mut self, e: usize, amount: i64) {
        debug_assert!(amount <= self.cap[e]);
        self.cap[e] -= amount;
        self.cap[e ^ 1] += amount;
    }

    /// The flow on edge `e` (what its reverse arc has received).
    pub(crate) fn flow_on(&self, e: usize) -> i64 {
        self.cap[e ^ 1]
    }

    /// The nodes reachable from `s` over arcs with room left (after [`Flow::max_flow`], the
    /// source side of a minimum cut).
    pub(crate) fn reachable(&self, s: usize) -> Vec<bool> {
        let mut seen = vec![false; self.head.len()];
        seen[s] = true;
        let mut stack = vec![s];
        while let Some(u) = stack.pop() {
            let mut e = self.head[u];
            while e != NONE {
                let v = self.to[e as usize] as usize;
                if self.cap[e as usize] > 0 && !seen[v] {
                    seen[v] = true;
                    stack.push(v);
                }
                e = self.next[e as usize];
            }
        }
        seen
    }

    /// Pushes as much more flow as possible from `s` to `t`; returns the amount added. May be
    /// called again after adding edges: the flow found so far is kept.
    pub(crate) fn max_flow(&mut self, s: usize, t: usize) -> i64 {
        let mut total = 0i64;
        let mut queue = Vec::with_capacity(self.head.len());
        let mut path: Vec<u32> = Vec::new();
        loop {
            // Levels by breadth-first search over arcs with room.
            self.level.iter_mut().for_each(|l| *l = -1);
            self.level[s] = 0;
            queue.clear();
            queue.push(s as u32);
            // The search stops when it reaches the sink: by then every node nearer than the
            // sink has its level (breadth-first order), which is all a blocking flow uses.
            let mut qi = 0;
            'bfs: while qi < queue.len() {
                let u = queue[qi] as usize;
                qi += 1;
                let mut e = self.head[u];
                while e != NONE {
                    let v = self.to[e as usize] as usize;
                    if self.cap[e as usize] > 0 && self.level[v] < 0 {
                        self.level[v] = self.level[u] + 1;
                        if v == t {
                            break 'bfs;
                        }
                        queue.push(v as u32);
                    }
                    e = self.next[e as usize];
                }
            }
            if self.level[t] < 0 {
                return total;
            }
            self.iter.copy_from_slice(&self.head);
            // Blocking flow by depth-first search with current-arc pointers.
            path.clear();
            let mut u = s;
            loop {
                if u == t {
                    let push = path
                        .iter()
                        .map(|&e| self.cap[e as usize])
                        .min()
                        .unwrap_or(0);
                    let mut cut = path.len();
                    for (i, &e) in path.iter().enumerate() {
                        self.cap[e as usize] -= push;
                        self.cap[(e ^ 1) as usize] += push;
                        if self.cap[e as usize] == 0 && cut == path.len() {
                            cut = i;
                        }
                    }
                    total += push;
                    path.truncate(cut);
                    u = match path.last() {
                        Some(&e) => self.to[e as usize] as usize,
                        None => s,
                    };
                    continue;
                }
                let mut advanced = false;
                while self.iter[u] != NONE {
                    let e = self.iter[u] as usize;
                    let v = self.to[e] as usize;
                    if self.cap[e] > 0 && self.level[v] == self.level[u] + 1 {
                        path.push(e as u32);
                        u = v;
                        advanced = true;
                        break;
                    }
                    self.iter[u] = self.next[e];
                }
                if advanced {
                    continue;
                }
                // Dead end: retreat, and never come back here in this phase.
                self.level[u] = -1;
                match path.pop() {
                    Some(e) => {
                        let back = self.to[(e ^ 1) as usize] as usize;
                        self.iter[back] = self.next[e as usize];
                        u = back;
                    }
                    None => break,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook network: s→a 3, s→b 2, a→b 1, a→t 2, b→t 3; the maximum is 5.
    #[test]
    fn a_small_network_by_hand() {
        let mut f = Flow::new(4, 10);
        let (s, a, b, t) = (0, 1, 2, 3);
        f.edge(s, a, 3);
        f.edge(s, b, 2);
        let ab = f.edge(a, b, 1);
        f.edge(a, t, 2);
        f.edge(b, t, 3);
        assert_eq!(f.max_flow(s, t), 5);
        assert_eq!(f.flow_on(ab), 1);
        // Nothing more, and adding an edge adds its room.
        assert_eq!(f.max_flow(s, t), 0);
        f.edge(s, t, 4);
        assert_eq!(f.max_flow(s, t), 4);
    }

    /// A path that must undo an earlier choice (flow back along a reverse arc).
    #[test]
    fn augments_through_reverse_arcs() {
        // Rows r0, r1 each need 1; r0 may use c0 or c1, r1 only c0; each column takes 1.
        let mut f = Flow::new(6, 20);
        let (s, r0, r1, c0, c1, t) = (0, 1, 2, 3, 4, 5);
        f.edge(s, r0, 1);
        f.edge(s, r1, 1);
        let first = f.edge(r0, c0, 1);
        f.edge(r0, c1, 1);
        f.edge(r1, c0, 1);
        f.edge(c0, t, 1);
        f.edge(c1, t, 1);
        assert_eq!(f.max_flow(s, t), 2);
        assert_eq!(f.flow_on(first), 0);
    }
}
