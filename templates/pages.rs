/// Run-time support of the `_stream` methods of paged operations: one generic stream over pages,
/// and the steps that set the next page's parameter. Depends on `futures-core` and `futures-util`.
pub mod pages {
    use super::client::Error;

    /// What the stream keeps between items.
    struct State<P, I, F, S> {
        /// The parameters of the next page to fetch; `None` once the last page was fetched.
        next: Option<P>,
        /// The items of the current page not yet yielded.
        items: std::vec::IntoIter<I>,
        fetch: F,
        step: S,
    }

    /// Every item of every page: fetches a page with `fetch(params)`, yields its items, and asks
    /// `step(&mut params, page)` for the items and whether another page follows (`step` sets the
    /// parameters of that page). Ends after a page without items, when `step` says no more, or at
    /// the first error (which it yields).
    pub fn items<P, T, I, E, F, Fut, S>(params: P, fetch: F, step: S) -> impl futures_core::Stream<Item = Result<I, Error<E>>>
    where
        P: Clone,
        F: FnMut(P) -> Fut,
        Fut: std::future::Future<Output = Result<T, Error<E>>>,
        S: FnMut(&mut P, T) -> (Vec<I>, bool),
    {
        let state = State { next: Some(params), items: Vec::new().into_iter(), fetch, step };
        futures_util::stream::try_unfold(state, |mut state| async move {
            loop {
                if let Some(item) = state.items.next() {
                    return Ok(Some((item, state)));
                }
                let Some(mut params) = state.next.take() else { return Ok(None) };
                let page = (state.fetch)(params.clone()).await?;
                let (items, more) = (state.step)(&mut params, page);
                if items.is_empty() {
                    return Ok(None);
                }
                if more {
                    state.next = Some(params);
                }
                state.items = items.into_iter();
            }
        })
    }

    /// A cursor step: the parameter takes `next` when there is one, not empty and not the cursor
    /// just sent (a server repeating itself would loop forever); false when the pages end.
    pub fn cursor<C: PartialEq + Default>(slot: &mut Option<C>, next: Option<C>) -> bool {
        match next {
            Some(next) if next != C::default() && slot.as_ref() != Some(&next) => {
                *slot = Some(next);
                true
            }
            _ => false,
        }
    }

    /// An offset step: the parameter grows by the `received` number of items (from 0).
    pub fn offset<N>(slot: &mut Option<N>, received: usize) -> bool
    where
        N: Copy + Default + std::ops::Add<Output = N> + TryFrom<usize>,
    {
        let Ok(received) = N::try_from(received) else { return false };
        *slot = Some(slot.unwrap_or_default() + received);
        true
    }

    /// A page step: the page number grows by one (from 1 when unset: the first page).
    pub fn page<N>(slot: &mut Option<N>) -> bool
    where
        N: Copy + std::ops::Add<Output = N> + From<u8>,
    {
        *slot = Some(slot.unwrap_or(N::from(1)) + N::from(1));
        true
    }

    /// A next-link step: the `rel="next"` URL of a `Link` header (`header` true) or the URL itself,
    /// and the parameter takes the value that URL gives query parameter `name`; false when there is
    /// no next URL, it does not carry `name`, or the value does not parse.
    pub fn link<V: std::str::FromStr + PartialEq, L: AsRef<str>>(slot: &mut Option<V>, link: Option<L>, header: bool, name: &str) -> bool {
        let Some(link) = link else { return false };
        let link = link.as_ref();
        let url = if header { next_link(link) } else { Some(link.trim()) };
        let Some(value) = url.and_then(|url| query_value(url, name)) else { return false };
        match value.parse::<V>() {
            Ok(value) if slot.as_ref() != Some(&value) => {
                *slot = Some(value);
                true
            }
            _ => false,
        }
    }

    /// The URL of the `rel="next"` link of a `Link` header value (RFC 8288).
    pub fn next_link(header: &str) -> Option<&str> {
        header.split(',').find_map(|link| {
            let (target, params) = link.trim().split_once('>')?;
            let is_next = params.split(';').any(|param| {
                let (key, value) = param.split_once('=').unwrap_or((param, ""));
                key.trim().eq_ignore_ascii_case("rel") && value.trim().trim_matches('"').split_whitespace().any(|rel| rel.eq_ignore_ascii_case("next"))
            });
            is_next.then(|| target.trim().trim_start_matches('<'))
        })
    }

    /// The percent-decoded value of query parameter `name` in `url`.
    pub fn query_value(url: &str, name: &str) -> Option<String> {
        let query = url.split_once('?')?.1.split('#').next().unwrap_or("");
        query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key) == name).then(|| decode(value))
        })
    }

    /// Percent-decoding (`+` is a space), lossy on invalid UTF-8.
    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'%' if i + 2 < bytes.len() => {
                    match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                        Ok(byte) => {
                            out.push(byte);
                            i += 3;
                            continue;
                        }
                        Err(_) => out.push(b'%'),
                    }
                }
                b'+' => out.push(b' '),
                byte => out.push(byte),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}
