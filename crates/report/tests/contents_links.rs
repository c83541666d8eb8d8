//! Each line of the contents is a link to the page its heading is on: in
//! the laid-out pages, and in the PDF as qpdf reads it (every link annotation
//! of the contents page points at the page object of its entry's page).

mod demo;

use ironbridge_report::Item;
use ironbridge_report::layout::items::Link;
use ironbridge_report::templates::ReportData;
use ironbridge_tests::pdf_tools;

#[test]
fn every_contents_line_links_to_its_heading() {
    let (bank, assessment) = (demo::bank(), demo::assessment());
    let (doc, laid_out) = demo::report(&ReportData::compute(&bank, &assessment));

    // The contents lists the sections (depth 1), in order.
    let sections: Vec<(usize, f32)> = laid_out
        .outline
        .iter()
        .filter(|e| e.depth <= 1)
        .map(|e| (e.page + 1, e.y))
        .collect();
    let links: Vec<Link> = laid_out
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Link(link) => Some(*link),
            _ => None,
        })
        .collect();
    let targets: Vec<(usize, f32)> = links.iter().map(|l| (l.page, l.top)).collect();
    assert_eq!(targets, sections, "one link per section, to its heading");
    assert!(sections.len() >= 10, "{sections:?}");

    // In the PDF: each annotation's destination is the object of that page.
    let dir = tempfile::tempdir().expect("a temp dir");
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, doc.write_pdf(&laid_out).expect("writes")).expect("saves");
    let qdf = dir.path().join("report-qdf.pdf");
    let (pdf, qdf) = (pdf.to_str().expect("UTF-8"), qdf.to_str().expect("UTF-8"));
    // qpdf renumbers the objects of the copy it writes: pages are read from it.
    if pdf_tools::tool("qpdf", &["--qdf", "--object-streams=disable", pdf, qdf]).is_none() {
        return;
    }
    let pages = pdf_tools::tool("qpdf", &["--show-pages", qdf]).expect("qpdf ran just now");
    // "page 3: 22 0 R" → object 22 is page 3.
    let page_of_object: Vec<(String, usize)> = pages
        .lines()
        .filter_map(|line| {
            let (page, object) = line.strip_prefix("page ")?.split_once(": ")?;
            Some((object.trim().to_owned(), page.parse().ok()?))
        })
        .collect();
    let text =
        String::from_utf8_lossy(&std::fs::read(qdf).expect("reads the qdf copy")).into_owned();
    let linked: Vec<usize> = text
        .split("/D [")
        .skip(1)
        .filter_map(|rest| {
            let object = rest
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            page_of_object
                .iter()
                .find(|(o, _)| *o == object)
                .map(|(_, page)| *page)
        })
        .collect();
    let expected: Vec<usize> = sections.iter().map(|(page, _)| *page).collect();
    assert_eq!(linked, expected, "the PDF's link destinations");
}
