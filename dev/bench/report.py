"""Writes the benchmark's figures: docs/benchmarks.json (by scale) and a table in docs/benchmarks.md."""

import json
import platform
from datetime import date
from pathlib import Path

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"


def write_reports(result: dict, docs_dir: Path) -> None:
    docs_dir.mkdir(parents=True, exist_ok=True)
    scale = f"{result['articles']}/{result['comments']}"
    json_path = docs_dir / "benchmarks.json"
    everything = json.loads(json_path.read_text()) if json_path.exists() else {}
    previous = everything.get(scale, {})  # a rerun on a loaded database keeps the loading figures
    everything[scale] = {
        "measured_on": date.today().isoformat(),
        "machine": f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}",
        "load_seconds": result.get("load_seconds") or previous.get("load_seconds"),
        "load_rows_per_second": result.get("load_rows_per_second") or previous.get("load_rows_per_second"),
        "mix": {key: value for key, value in result["scenarios"].get("mix", {}).items() if key != "wrk"},
        "scenarios": {
            key: _scenario_figures(value) for key, value in result["scenarios"].items() if key != "mix"
        },
        "search_index": _index_figures(result.get("search_index"), previous.get("search_index")),
        "varied": {key: value for key, value in (result.get("varied") or {}).items() if key != "rows"},
    }
    json_path.write_text(json.dumps(everything, indent=1, sort_keys=True) + "\n")
    markdown_path = docs_dir / "benchmarks.md"
    existing = markdown_path.read_text() if markdown_path.exists() else "# Benchmarks\n"
    table = _markdown(everything)
    if START in existing and END in existing:
        before, rest = existing.split(START, 1)
        after = rest.split(END, 1)[1]
        existing = before + table + after
    else:
        existing = existing.rstrip() + "\n\n" + table + "\n"
    markdown_path.write_text(existing)


def _index_figures(current: dict | None, previous: dict | None) -> dict | None:
    """A rerun that found the index built keeps the build time measured when it was built."""
    if current and current.get("build_seconds") is None and previous:
        current = {**current, "build_seconds": previous.get("build_seconds")}
    return current


def _cores() -> int:
    import os

    return os.cpu_count() or 0


def _scenario_figures(value: dict) -> dict:
    figures = {
        "label": value["label"],
        "url": value["url"],
        "budget_p95_ms": value["budget_p95_ms"],
        "queries": value["queries"],
        "p50_ms": value["in_process"]["p50_ms"],
        "p95_ms": value["in_process"]["p95_ms"],
        "p99_ms": value["in_process"]["p99_ms"],
        "rps": value["in_process"]["rps"],
        "warm": {key: value["in_process_warm"][key] for key in ("p50_ms", "p95_ms", "p99_ms", "rps")},
        "bare_sql_p95_ms": value["bare_sql"]["p95_ms"],
    }
    peer = value.get("peer")
    if peer:
        figures["peer_p95_ms"] = peer["p95_ms"] if peer["requests"] else None
        figures["peer"] = {
            "url": peer["url"],
            **{key: peer[key] for key in ("p50_ms", "p95_ms", "p99_ms", "rps", "errors", "requests")},
            "single_request_ms": peer.get("single_request_ms"),
        }
    if "http" in value:
        figures["http"] = {key: value["http"][key] for key in ("p50_ms", "p95_ms", "p99_ms", "rps", "errors")}
        figures["http"]["connections"] = value["http"].get("connections", 8)
        if value["http"].get("pause_ms"):
            figures["http"]["pause_ms"] = value["http"]["pause_ms"]
    return figures


def _markdown(everything: dict) -> str:
    lines = [START, "## `make bench` results", ""]
    lines.append(
        "In-process: Django's test client, one request at a time, after warming up; cold with the search "
        "cache off (every request computes its search: the figures the budgets are held to), warm with "
        "it on. Bare SQL: the cold page's own statements replayed through psycopg. HTTP: wrk, "
        "8 connections, gunicorn with 2 workers, search cache on. Peer: Datasette on the same corpus, "
        "the same wrk run. Milliseconds; rps is requests per second."
    )
    for scale, figures in sorted(everything.items(), key=lambda item: int(item[0].split("/")[0])):
        articles, comments = (int(part) for part in scale.split("/"))
        lines += [
            "",
            f"### {articles:,} articles, {comments:,} comments "
            f"({figures['measured_on']}, {figures['machine']})",
            "",
        ]
        if figures.get("load_seconds"):
            lines.append(
                f"Loaded in {figures['load_seconds']:,} s ({figures['load_rows_per_second']:,} rows/s). "
            )
            lines.append("")
        lines.append(
            "| scenario | budget p95 | cold p50 | cold p95 | cold p99 | cold rps | warm p95 | bare SQL p95 "
            "| HTTP p95 | HTTP rps | peer (Datasette) p95 | peer rps | rps vs peer |"
        )
        lines.append("|" + " --- |" * 13)
        for key, item in sorted(figures["scenarios"].items()):
            http = item.get("http", {})
            warm = item.get("warm", {})
            lines.append(
                f"| ({key}) {item['label']} | {item['budget_p95_ms']:g} | {item['p50_ms']} | "
                f"{_against(item['p95_ms'], item['budget_p95_ms'])} | {item['p99_ms']} | {item['rps']} | "
                f"{_against(warm.get('p95_ms'), item['budget_p95_ms'])} | {item['bare_sql_p95_ms']} | "
                f"{_http_p95(http)} | {http.get('rps', '–')} | {_peer(item.get('peer'), http)} |"
            )
        fewer = sorted(
            {
                item["http"]["connections"]
                for item in figures["scenarios"].values()
                if item.get("http", {}).get("connections", 8) != 8
            }
        )
        if fewer:
            lines += ["", f"HTTP here at {', '.join(map(str, fewer))} connections, not 8 (a smaller run)."]
        workers = (figures.get("mix") or {}).get("workers", 2)
        if workers != 2:
            lines += ["", f"gunicorn here with {_workers(workers)}, not 2 (a smaller run)."]
        paused = sorted(
            {
                item["http"]["pause_ms"]
                for item in figures["scenarios"].values()
                if item.get("http", {}).get("pause_ms")
            }
        )
        if paused:
            lines += [
                "",
                f"HTTP here paced: each connection paused {', '.join(map(str, paused))} ms after each "
                "response (a smoke run: its requests per second are not the server's).",
            ]
        mix = figures.get("mix") or {}
        if mix:
            lines.append("")
            lines.append(
                f"Mix over HTTP at {mix.get('connections', 32)} connections{_paced(mix)} "
                f"({mix.get('weights', 'the public scenarios in turn')}): "
                f"{mix['rps']} requests/s, {mix['errors']} errors; largest worker RSS during the run "
                f"{mix.get('worker_rss_max_mb', mix.get('worker_rss_mb'))} MB."
            )
        lines += _varied(figures)
    lines += _scaling(everything)
    lines += _varied_scaling(everything)
    lines.append(END)
    return "\n".join(lines)


def _workers(count: int) -> str:
    return f"{count} worker{'' if count == 1 else 's'}"


def _paced(run: dict) -> str:
    return f" paced {run['pause_ms']} ms" if run.get("pause_ms") else ""


def _scaling(everything: dict) -> list[str]:
    """Each scenario's cold and warm p95 at every scale measured: how the cost grows."""
    scales = sorted(everything, key=lambda scale: int(scale.split("/")[0]))
    if len(scales) < 2:
        return []
    keys = sorted({key for scale in scales for key in everything[scale]["scenarios"]})
    header = " | ".join(f"{int(scale.split('/')[0]):,}" for scale in scales)
    lines = [
        "",
        "### How the cost grows (p95 in ms, cold / warm, by number of articles)",
        "",
        f"| scenario | budget | {header} |",
        "|" + " --- |" * (len(scales) + 2),
    ]
    for key in keys:
        cells = []
        for scale in scales:
            item = everything[scale]["scenarios"].get(key)
            warm = (item or {}).get("warm", {}).get("p95_ms")
            cells.append(f"{item['p95_ms']} / {warm if warm is not None else '–'}" if item else "–")
        budget = next(
            everything[scale]["scenarios"][key]["budget_p95_ms"]
            for scale in scales
            if key in everything[scale]["scenarios"]
        )
        lines.append(f"| ({key}) | {budget:g} | {' | '.join(cells)} |")
    return lines


def _against(p95: float | None, budget: float) -> str:
    if p95 is None:
        return "–"
    return f"{p95} {'✓' if p95 <= budget else '✗'}"


def _peer(peer: dict | None, http: dict) -> str:
    """The peer's p95, its rps and how many times the archive's rps is the peer's."""
    if not peer:
        return "– | – | –"
    if not peer["requests"]:
        single = peer.get("single_request_ms")
        return f"no reply within the run (one request alone: {single:,} ms) | 0 | ∞"
    ratio = f"{http['rps'] / peer['rps']:.1f}×" if http.get("rps") and peer["rps"] else "–"
    return f"{peer['p95_ms']} | {peer['rps']} | {ratio}"


def _http_p95(http: dict) -> str:
    if not http:
        return "–"
    if not http.get("rps"):
        return "no reply in time"
    errors = f" ({http['errors']} errors)" if http.get("errors") else ""
    return f"{http['p95_ms']}{errors}"


def _varied(figures: dict) -> list[str]:
    """The generated searches (dev.bench.varied): cold and warm percentiles by class, band and kind."""
    varied = figures.get("varied")
    if not varied:
        return []
    index = figures.get("search_index") or {}
    lines = [
        "",
        f"#### {varied['searches']} varied searches generated from the corpus ({varied['errors']} errors)",
        "",
    ]
    if index:
        built = f", built in {index['build_seconds']:,} s" if index.get("build_seconds") else ""
        lines += [
            f"Search index: {index['documents']:,} documents, {index['size_mb']:,} MB on disk, "
            f"{index.get('segments', '–')} segments{built}.",
            "",
        ]
    lines += [
        "| group | n | budget p95 | cold p50 | cold p95 | cold p99 | cold max "
        "| warm p50 | warm p95 | warm max |",
        "|" + " --- |" * 10,
    ]
    for group in ("class", "band", "kind"):
        for value, item in varied.get(f"by_{group}", {}).items():
            budget = item.get("budget_p95_ms")
            cold, warm = item["cold"], item["warm"]
            p95 = _against(cold["p95_ms"], budget) if budget else cold["p95_ms"]
            lines.append(
                f"| {group}: {value} | {item['n']} | {budget or '–'} | {cold['p50_ms']} | {p95} | "
                f"{cold['p99_ms']} | {cold['max_ms']} | "
                f"{warm['p50_ms']} | {warm['p95_ms']} | {warm['max_ms']} |"
            )
    mix = varied.get("http_mix")
    if mix:
        lines += [
            "",
            f"Over HTTP (gunicorn, {_workers(mix.get('workers', 2))}; wrk, {mix['connections']} "
            f"connections{_paced(mix)}, "
            f"{mix['seconds']} s, "
            f"the {mix['paths']} searches in turn): {mix['rps']} requests/s, {mix['errors']} errors, "
            f"latency {', '.join(f'p{p} {v}' for p, v in mix.get('latency', []))}; "
            f"largest worker RSS {mix.get('worker_rss_max_mb')} MB{_memory_split(mix)}.",
        ]
    slowest = varied.get("slowest") or []
    if slowest:
        lines += ["", "Slowest ten (cold ms, class, hits, URL):", ""]
        lines += [
            f"- {row['cold_ms']} ms, {row['class']}, {row['total']:,} hits: `{row['url']}`" for row in slowest
        ]
    return lines


def _memory_split(mix: dict) -> str:
    """ "(its own memory 120 MB, mapped index pages 180 MB)", when the run measured both."""
    memory = mix.get("worker_memory_mb") or []
    if not memory:
        return ""
    largest = max(memory, key=lambda worker: worker["rss"])
    return (
        f" (its own memory {largest['anon']} MB, mapped files, mostly the search index's pages that "
        f"the workers share, {largest['file']} MB)"
    )


def _varied_scaling(everything: dict) -> list[str]:
    scales = [
        scale
        for scale in sorted(everything, key=lambda scale: int(scale.split("/")[0]))
        if everything[scale].get("varied")
    ]
    if len(scales) < 2:
        return []
    header = " | ".join(f"{int(scale.split('/')[0]):,}" for scale in scales)
    lines = [
        "",
        "### How the varied searches grow (cold p95 in ms, by number of articles)",
        "",
        f"| group | {header} |",
        "|" + " --- |" * (len(scales) + 1),
    ]
    groups = sorted(
        {
            (g, v)
            for s in scales
            for g in ("class", "band")
            for v in everything[s]["varied"].get(f"by_{g}", {})
        }
    )
    for group, value in groups:
        cells = [
            str(
                everything[s]["varied"]
                .get(f"by_{group}", {})
                .get(value, {})
                .get("cold", {})
                .get("p95_ms", "–")
            )
            for s in scales
        ]
        lines.append(f"| {group}: {value} | {' | '.join(cells)} |")
    return lines
