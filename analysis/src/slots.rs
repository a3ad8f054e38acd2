//! Arrays read and written without bounds checks in release builds, for the
//! engine's innermost loops (the shortest-path searches, Louvain's moves).
//! Each user indexes them only with values below their length by
//! construction, and says why where it makes them. The checks were a third of
//! the searches' instructions and a quarter of their time; debug builds, the
//! tests among them, still make every one.

use std::ops::{Deref, DerefMut, Index, IndexMut};
use std::slice::SliceIndex;

pub(crate) struct Slots<T>(pub(crate) Vec<T>);

impl<T> Deref for Slots<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> DerefMut for Slots<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T, I: SliceIndex<[T]> + Clone> Index<I> for Slots<T> {
    type Output = I::Output;

    #[inline(always)]
    fn index(&self, index: I) -> &I::Output {
        debug_assert!(self.0.get(index.clone()).is_some(), "index out of bounds");
        // SAFETY: every user indexes below the length, as the module says.
        unsafe { self.0.get_unchecked(index) }
    }
}

impl<T, I: SliceIndex<[T]> + Clone> IndexMut<I> for Slots<T> {
    #[inline(always)]
    fn index_mut(&mut self, index: I) -> &mut I::Output {
        debug_assert!(self.0.get(index.clone()).is_some(), "index out of bounds");
        // SAFETY: every user indexes below the length, as the module says.
        unsafe { self.0.get_unchecked_mut(index) }
    }
}
