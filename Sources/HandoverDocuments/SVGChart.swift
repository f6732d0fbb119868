import Foundation
import HandoverModel

/// A line chart over the stored snapshots, drawn as inline SVG (no script, no external asset): one line per series,
/// a dot with a tooltip (`<title>`) per value, a `<title>` and `<desc>` for assistive technology, and the same
/// numbers as a table for the page to show beside it. Every label is escaped here, where the markup is written.
package struct SVGChart: Sendable, Equatable {
    package struct Series: Sendable, Equatable {
        package var label: String
        /// One value per point of the chart; nil where that snapshot has none.
        package var values: [Int?]
        package init(label: String, values: [Int?]) {
            self.label = label
            self.values = values
        }
    }

    /// Safe as an element id: the caller passes letters, digits and dashes.
    package var id: String
    package var title: String
    package var desc: String
    package var unit: String
    /// When each point was taken, oldest first.
    package var times: [Date]
    package var series: [Series]

    package init(id: String, title: String, desc: String, unit: String, times: [Date], series: [Series]) {
        self.id = id
        self.title = title
        self.desc = desc
        self.unit = unit
        self.times = times
        self.series = series
    }

    static let width = 480.0, height = 200.0
    static let left = 44.0, right = 12.0, top = 12.0, bottom = 28.0
    /// Series beyond this many share the last colours (the legend and table still name each one).
    static let palette = 8

    /// The top of the value axis: a round number at or above every value.
    var axisMax: Int {
        let most = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        guard most > 0 else { return 1 }
        var step = 1
        while step * 10 < most { step *= 10 }
        for factor in [1, 2, 5, 10] where step * factor >= most { return step * factor }
        return step * 10
    }

    /// The lowest value when negative (an expiry already passed), else 0.
    var axisMin: Int { min(0, series.flatMap { $0.values.compactMap { $0 } }.min() ?? 0) }

    func x(_ index: Int) -> Double {
        let span = Self.width - Self.left - Self.right
        guard times.count > 1, let first = times.first, let last = times.last, last > first else {
            return times.count > 1 ? Self.left + span * Double(index) / Double(times.count - 1) : Self.left + span / 2
        }
        return Self.left + span * times[index].timeIntervalSince(first) / last.timeIntervalSince(first)
    }

    func y(_ value: Int) -> Double {
        let span = Self.height - Self.top - Self.bottom
        let range = Double(axisMax - axisMin)
        return Self.top + span * (1 - Double(value - axisMin) / range)
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The chart's markup: `<svg role="img">` labelled by its title and description.
    package var svg: String {
        let e = HTMLText.escape
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" "
            + "aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title id=\"\(id)-title\">\(e(title))</title><desc id=\"\(id)-desc\">\(e(desc))</desc>"
        // Value axis: the minimum, the middle (when it is a whole number) and the top, with grid lines.
        let span = axisMax - axisMin
        let ticks = Array(Set([axisMin, span % 2 == 0 ? axisMin + span / 2 : axisMin, axisMax])).sorted()
        for tick in ticks {
            let y = Self.number(y(tick))
            out += "<line class=\"grid\" x1=\"\(Int(Self.left))\" x2=\"\(Int(Self.width - Self.right))\" y1=\"\(y)\" y2=\"\(y)\"/>"
            out += "<text class=\"tick\" x=\"\(Int(Self.left) - 4)\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(tick)</text>"
        }
        // Time axis: the first and the last day (and the one between when there are three or more).
        var wanted: Set<Int> = times.isEmpty ? [] : [0, times.count - 1]
        if times.count > 2 { wanted.insert(times.count / 2) }
        let labelled = wanted.sorted()
        for (n, index) in labelled.enumerated() {
            let anchor = labelled.count == 1 ? "middle" : n == 0 ? "start" : index == times.count - 1 ? "end" : "middle"
            out += "<text class=\"tick\" x=\"\(Self.number(x(index)))\" y=\"\(Int(Self.height) - 8)\" text-anchor=\"\(anchor)\">"
                + "\(Timestamp.day(times[index]))</text>"
        }
        for (number, line) in series.enumerated() {
            let colour = "s\(min(number, Self.palette - 1))"
            out += "<g class=\"\(colour)\"><title>\(e(line.label))</title>"
            // One polyline per run of consecutive values: a snapshot without the value leaves a gap.
            var run: [String] = []
            func flush() {
                if run.count > 1 { out += "<polyline points=\"\(run.joined(separator: " "))\"/>" }
                run = []
            }
            for (index, value) in line.values.enumerated() {
                guard let value, index < times.count else { flush(); continue }
                run.append("\(Self.number(x(index))),\(Self.number(y(value)))")
            }
            flush()
            for (index, value) in line.values.enumerated() {
                guard let value, index < times.count else { continue }
                out += "<circle cx=\"\(Self.number(x(index)))\" cy=\"\(Self.number(y(value)))\" r=\"3\"><title>"
                    + "\(e(line.label)): \(value) \(e(unit)) on \(Timestamp.day(times[index]))</title></circle>"
            }
            out += "</g>"
        }
        return out + "</svg>"
    }
}
