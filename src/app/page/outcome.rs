//! The ways a page's handler says where to go.

use super::{Nav, Outcome, Page, Returned};
use crate::app::msg::Effect;

impl Outcome {
    pub fn none() -> Outcome {
        Outcome::default()
    }

    pub fn effects(effects: Vec<Effect>) -> Outcome {
        Outcome {
            effects,
            nav: Nav::Stay,
        }
    }

    pub fn push(page: Page, effects: Vec<Effect>) -> Outcome {
        Outcome {
            effects,
            nav: Nav::Push(Box::new(page)),
        }
    }

    pub fn replace(page: Page, effects: Vec<Effect>) -> Outcome {
        Outcome {
            effects,
            nav: Nav::Replace(Box::new(page)),
        }
    }

    /// Closes the page; the one under it is shown as it was.
    pub fn pop(effects: Vec<Effect>) -> Outcome {
        Outcome {
            effects,
            nav: Nav::Pop {
                reload: false,
                with: None,
            },
        }
    }

    /// Closes the page; the one under it reads again what may have changed.
    pub fn back(effects: Vec<Effect>) -> Outcome {
        Outcome {
            effects,
            nav: Nav::Pop {
                reload: true,
                with: None,
            },
        }
    }

    pub fn pop_with(with: Returned, reload: bool, effects: Vec<Effect>) -> Outcome {
        Outcome {
            effects,
            nav: Nav::Pop {
                reload,
                with: Some(with),
            },
        }
    }
}
