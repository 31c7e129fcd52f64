//! Progress live on a terminal, drawn with `indicatif`: a line per stage (items, items/s,
//! busy share) and one for the bottleneck, redrawn in place and cleared at the end.

#[cfg(feature = "progress")]
mod live {
    use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};

    use super::super::render::StageLine;
    use crate::metrics::Snapshot;

    pub(in crate::progress) struct Live {
        lines: MultiProgress,
        stages: Vec<ProgressBar>,
        bottleneck: ProgressBar,
        width: usize,
    }

    impl Live {
        pub(in crate::progress) fn stderr() -> Self {
            Self::with(ProgressDrawTarget::stderr())
        }

        pub(in crate::progress) fn on(term: Box<dyn TermLike>) -> Self {
            Self::with(ProgressDrawTarget::term_like(term))
        }

        fn with(target: ProgressDrawTarget) -> Self {
            let lines = MultiProgress::with_draw_target(target);
            let bottleneck = lines.add(line());
            Self {
                lines,
                stages: Vec::new(),
                bottleneck,
                width: 0,
            }
        }

        pub(in crate::progress) fn draw(
            &mut self,
            snapshot: &Snapshot,
            stages: &[StageLine],
            last: bool,
        ) {
            if last {
                // The run is over: nothing of the display stays on the terminal.
                for bar in &self.stages {
                    bar.finish_and_clear();
                }
                self.bottleneck.finish_and_clear();
                let _ = self.lines.clear();
                return;
            }
            while self.stages.len() < stages.len() {
                let bar = self.lines.insert_before(&self.bottleneck, line());
                self.stages.push(bar);
            }
            self.width = stages
                .iter()
                .map(|stage| stage.name.chars().count())
                .max()
                .unwrap_or(0)
                .max(self.width);
            let width = self.width;
            for (bar, stage) in self.stages.iter().zip(stages) {
                bar.set_message(format!(
                    "{:<width$}  {:>10} items  {:>9.0}/s  busy {:>3.0}%",
                    stage.name,
                    stage.items,
                    stage.per_second,
                    stage.busy * 100.0
                ));
            }
            self.bottleneck
                .set_message(snapshot.bottleneck().to_string());
        }
    }

    fn line() -> ProgressBar {
        let bar = ProgressBar::hidden();
        bar.set_style(ProgressStyle::with_template("{msg}").expect("a valid template"));
        bar
    }
}

#[cfg(feature = "progress")]
pub(super) use live::Live;
