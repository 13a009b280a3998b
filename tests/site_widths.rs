//! The published site as a person sees it (issue 41): Debian's headless
//! Chromium renders the index, the board and a member's page, English and
//! Chinese, on a phone (390 px), a laptop (1280 px) and the office TV
//! (1920 px), and a script in each page checks what a reader would notice:
//! no sideways scrolling, no text under 12 px (SVG text measured as drawn),
//! no date broken over two lines, Chinese names on the line of their
//! points, nothing fetched. Screenshots of each are left in
//! `$CARGO_TARGET_TMPDIR/site-screens/` to look at.
//!
//! Chromium is driven with the `headless_chrome` crate (the DevTools
//! protocol), so one browser serves every page and width. Without Chromium
//! the test fails, saying how to install it.

mod common;

use common::Sandbox;
use headless_chrome::protocol::cdp::{Emulation, Page};
use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The q1 store with the quarter approved, a reward, and a member named
/// like markup.
fn q1() -> Sandbox {
    let s = Sandbox::new();
    s.load_q1();
    let m = s.file(
        "m.csv",
        "code,name,team\nXS,<script>alert(1)</script>,West\n",
    );
    s.ok(&["import", "members", &m]);
    s.ok(&["recalc"]);
    s.ok(&["approve", "2026-Q1"]);
    let c = s.file(
        "c.csv",
        "code,name,cost,stock,category\nGIFT,礼品卡,500,,gift\n",
    );
    s.ok(&["catalog", "import", &c]);
    s
}

fn chromium() -> PathBuf {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
    .expect(
        "no Chromium here: the site's layout test needs it; install it with \
         `apt-get install -y chromium fonts-wqy-microhei` (.ci/run does)",
    )
}

fn browser() -> Browser {
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Nothing may be fetched: every host resolves to nowhere.
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium()))
        .sandbox(false)
        .window_size(Some((1280, 800)))
        .idle_browser_timeout(std::time::Duration::from_secs(300))
        .args(args)
        .build()
        .expect("launch options");
    Browser::new(options).expect("Chromium starts headless")
}

/// What the page's script finds wrong (empty when all is well), and how
/// much it looked at. Closed `<details>` are opened first, so that their
/// text is checked too.
const CHECKS: &str = r#"(() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const de = document.documentElement;
  const out = { problems: [], texts: 0, dates: 0, rows: 0, text: document.body.innerText };
  if (de.scrollWidth > window.innerWidth) {
    out.problems.push(`scrolls sideways: ${de.scrollWidth} > ${window.innerWidth}`);
  }
  const shown = el => [...el.getClientRects()].some(r => r.width > 0 && r.height > 0);
  const name = el => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}">`;
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (!n.data.trim() || !el || el.closest('title, style, script')) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    if (![...range.getClientRects()].some(r => r.width > 0 && r.height > 0)) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      // As drawn: the font size times the SVG's scale on the screen.
      const m = el.getScreenCTM();
      if (m) size *= Math.hypot(m.b, m.d);
    }
    out.texts++;
    if (size < 12) out.problems.push(`text under 12px (${size.toFixed(1)}px): ${name(el)} "${n.data.trim().slice(0, 30)}"`);
  }
  for (const el of document.querySelectorAll('time, .date')) {
    if (!shown(el)) continue;
    out.dates++;
    const style = getComputedStyle(el);
    const line = parseFloat(style.lineHeight) || 1.5 * parseFloat(style.fontSize);
    const lines = el.getClientRects().length;
    const height = el.getBoundingClientRect().height;
    if (lines > 1 || height > 1.5 * line) out.problems.push(`a date wraps (${lines} boxes, ${height.toFixed(1)}px high): ${name(el)} "${el.textContent.trim()}"`);
  }
  // Where the text of `el` stands: a mark of no size on its baseline.
  const baseline = el => {
    const mark = document.createElement('span');
    mark.style.cssText = 'display:inline-block;width:0;height:0;vertical-align:baseline';
    el.appendChild(mark);
    const y = mark.getBoundingClientRect().top;
    mark.remove();
    return y;
  };
  for (const who of document.querySelectorAll('.who')) {
    if (!/[\u3400-\u9fff]/.test(who.textContent) || !shown(who)) continue;
    const row = who.closest('tr, .bar-row');
    const pts = row && row.querySelector('.pts');
    if (!pts) continue;
    out.rows++;
    const said = `"${who.textContent}" and its points "${pts.textContent}"`;
    const a = who.getBoundingClientRect(), b = pts.getBoundingClientRect();
    if (Math.abs(a.top - b.top) > 2 || Math.abs(a.bottom - b.bottom) > 2) {
      out.problems.push(`${said} are not on one line: ${a.top.toFixed(1)}..${a.bottom.toFixed(1)} and ${b.top.toFixed(1)}..${b.bottom.toFixed(1)}`);
    }
    const ya = baseline(who), yb = baseline(pts);
    if (Math.abs(ya - yb) > 1) out.problems.push(`${said} stand on baselines ${ya.toFixed(1)} and ${yb.toFixed(1)}`);
    // What keeps them so with any font: one line height (not the
    // fonts' own), and cells (or grid items) aligned by baseline.
    const lh = [who, pts].map(e => getComputedStyle(e).lineHeight);
    if (lh[0] !== lh[1] || lh.includes('normal')) out.problems.push(`${said} have line heights ${lh.join(' and ')}`);
    const aligned = row.tagName === 'TR'
      ? [who, pts].every(e => getComputedStyle(e.closest('td')).verticalAlign === 'baseline')
      : getComputedStyle(row.parentElement).alignItems.includes('baseline');
    if (!aligned) out.problems.push(`${said} are not aligned by their baseline`);
  }
  for (const e of performance.getEntriesByType('resource')) out.problems.push(`fetched ${e.name}`);
  return JSON.stringify(out);
})()"#;

/// The viewport `width` wide (a phone's is mobile: its viewport tag
/// counts), `height` high.
fn size(tab: &Tab, width: u32, height: u32) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile: width < 600,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("viewport size");
}

/// Waits until the tab shows `url` whole. (The crate's own wait listens
/// for the network going idle, which a page from a file never says.)
fn loaded(tab: &Tab, url: &str) {
    let asked = format!(
        "document.readyState === 'complete' && location.href === {}",
        serde_json::Value::from(url)
    );
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(30) {
        let done = tab.evaluate(&asked, false).ok().and_then(|r| r.value);
        if done == Some(serde_json::Value::Bool(true)) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("{url} did not load within 30 s");
}

/// Opens `page` at `width`, saves what the screen shows (and, on a phone,
/// the whole page) as `shot`, runs the checks and returns them.
fn check(tab: &Tab, page: &Path, width: u32, shot: &Path) -> serde_json::Value {
    let height = if width < 600 { 844 } else { width * 9 / 16 };
    size(tab, width, height);
    let url = format!("file://{}", page.display());
    tab.navigate_to(&url).expect("the page opens");
    loaded(tab, &url);
    let png = |name: &Path| {
        let bytes = tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("a screenshot");
        std::fs::write(name, bytes).expect("the screenshot is saved");
    };
    png(shot);
    if width < 600 {
        let full = tab
            .evaluate("document.documentElement.scrollHeight", false)
            .ok()
            .and_then(|r| r.value)
            .and_then(|v| v.as_u64())
            .unwrap_or(u64::from(height)) as u32;
        size(tab, width, full.min(6000));
        png(&shot.with_extension("full.png"));
        size(tab, width, height);
    }
    let result = tab.evaluate(CHECKS, false).expect("the checks run");
    let text = result
        .value
        .and_then(|v| v.as_str().map(str::to_string))
        .expect("the checks say what they found");
    serde_json::from_str(&text).expect("JSON from the checks")
}

#[test]
fn the_site_reads_well_on_a_phone_a_laptop_and_the_office_tv() {
    let s = q1();
    let screens = Path::new(env!("CARGO_TARGET_TMPDIR")).join("site-screens");
    std::fs::create_dir_all(&screens).unwrap();
    let browser = browser();
    let tab = browser.new_tab().expect("a tab");
    let mut problems = Vec::new();
    for lang in ["en", "zh-CN"] {
        let out = s.dir.path().join(format!("site-{lang}"));
        s.ok(&[
            "publish",
            "2026-Q1",
            "--out",
            out.to_str().unwrap(),
            "--lang",
            lang,
        ]);
        for page in ["index.html", "board.html", "m/ZW.html"] {
            for width in [390, 1280, 1920] {
                let stem = page.replace(['/', '.'], "-");
                let shot = screens.join(format!("{lang}-{stem}-{width}.png"));
                let found = check(&tab, &out.join(page), width, &shot);
                let at = format!("{lang} {page} at {width}px");
                for p in found["problems"].as_array().unwrap() {
                    problems.push(format!("{at}: {}", p.as_str().unwrap()));
                }
                // The checks looked at something: text, dates, and a
                // Chinese name beside its points where the page has rows.
                assert!(found["texts"].as_u64().unwrap() > 20, "{at}: {found}");
                assert!(found["dates"].as_u64().unwrap() >= 1, "{at}: {found}");
                if page != "m/ZW.html" {
                    assert!(found["rows"].as_u64().unwrap() >= 1, "{at}: {found}");
                }
                let text = found["text"].as_str().unwrap();
                assert!(text.contains("188.5"), "{at}: ZW's points\n{text}");
                if page != "m/ZW.html" {
                    assert!(
                        text.contains("<script>alert(1)</script>"),
                        "{at}: the markup-like name is text"
                    );
                }
                if lang == "zh-CN" {
                    assert!(text.contains("积分"), "{at}: in Chinese\n{text}");
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems (screenshots in {}):\n{}",
        problems.len(),
        screens.display(),
        problems.join("\n")
    );
}
