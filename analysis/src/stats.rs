//! Confidence intervals for the introductions experiment: Wilson's score
//! interval for a proportion, and Newcombe's hybrid score interval (his
//! method 10, 1998) for the difference of two independent proportions.

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// Wilson's 95% score interval for `successes` out of `trials`; None for no trials.
pub fn wilson(successes: usize, trials: usize) -> Option<(f64, f64)> {
    if trials == 0 {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// Newcombe's 95% interval for p1 − p2, from each proportion's Wilson interval.
pub fn newcombe(
    (successes1, trials1): (usize, usize),
    (successes2, trials2): (usize, usize),
) -> Option<(f64, f64)> {
    let (l1, u1) = wilson(successes1, trials1)?;
    let (l2, u2) = wilson(successes2, trials2)?;
    let p1 = successes1 as f64 / trials1 as f64;
    let p2 = successes2 as f64 / trials2 as f64;
    let d = p1 - p2;
    let lower = d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
    let upper = d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
    Some((lower, upper))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 5e-5 && (a.1 - b.1).abs() < 5e-5
    }

    /// Newcombe (1998), Statistics in Medicine 17, table I and table II.
    #[test]
    fn intervals_match_newcombes_published_examples() {
        // Table I: 81/263 → 0.2553 to 0.3662; 15/148 → 0.0624 to 0.1605.
        assert!(close(
            wilson(81, 263).expect("an interval"),
            (0.2553, 0.3662)
        ));
        assert!(close(
            wilson(15, 148).expect("an interval"),
            (0.0624, 0.1605)
        ));
        // Table II, example (a) 56/70 − 48/80: method 10 gives 0.0524 to 0.3339.
        assert!(close(
            newcombe((56, 70), (48, 80)).expect("an interval"),
            (0.0524, 0.3339)
        ));
        // Example (b) 9/10 − 3/10: 0.1705 to 0.8090.
        assert!(close(
            newcombe((9, 10), (3, 10)).expect("an interval"),
            (0.1705, 0.8090)
        ));
        // A full cell against an empty one, 10/10 − 0/20: 0.6791 to 1.0000.
        assert!(close(
            newcombe((10, 10), (0, 20)).expect("an interval"),
            (0.6791, 1.0)
        ));
    }

    #[test]
    fn nothing_to_say_without_trials() {
        assert_eq!(wilson(0, 0), None);
        assert_eq!(newcombe((1, 2), (0, 0)), None);
        assert!(close(wilson(0, 10).expect("an interval"), (0.0, 0.2775)));
    }
}
