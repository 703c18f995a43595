import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { describeTrendChart, trendChartFileName, type TrendChart } from '../domain/charts/trend-chart.ts';
import { AppError } from '../domain/app-error.ts';
import { CHART_LAYOUT, trendChartSpec } from './trend-chart-spec.ts';

// A trend chart as a PNG, server-side and offline (ADR 0034): vega-lite compiles the spec, vega draws
// it as SVG without a browser, resvg (a Rust SVG renderer shipped as an npm binary) turns the SVG into
// a PNG with the machine's fonts. The three libraries are imported on first use only: a CLI command
// or a Slack answer that draws no chart never loads them.

/** A rendered chart: the PNG and what to call it and say about it. */
export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
  fileName: string;
  title: string;
  /** The figures in words (alt text): describeTrendChart. */
  altText: string;
}

/** Where fonts live on Linux, macOS and Windows; the first DejaVu Sans found is preferred. */
const FONT_DIRS = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  path.join(process.env.HOME ?? '/nonexistent', '.fonts'),
  '/Library/Fonts',
  '/System/Library/Fonts',
  'C:\\Windows\\Fonts',
];
const DEJAVU_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/dejavu-sans-fonts',
];

/** Whether a font directory holds at least one font file (looked for a few levels deep). */
const hasFontFile = (dir: string, depth = 3): boolean => {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((entry) =>
    entry.isDirectory() ? depth > 0 && hasFontFile(path.join(dir, entry.name), depth - 1) : /\.(ttf|otf|ttc)$/i.test(entry.name),
  );
};

export interface FontChoice {
  /** DejaVu Sans when found, else whatever the system has (resvg's own fallback picks a family). */
  family: string;
  files: string[];
}

let fontChoice: FontChoice | null = null;

/**
 * The font the charts use: DejaVu Sans when installed (Debian's fonts-dejavu-core), else any system
 * font. Without any font the chart's text could not be drawn: that is an error naming the package to
 * install, and the caller sends its message without the picture.
 */
export const chooseFont = (): FontChoice => {
  if (fontChoice) return fontChoice;
  const dejavu = DEJAVU_DIRS.find((dir) => existsSync(path.join(dir, 'DejaVuSans.ttf')));
  if (dejavu) {
    const files = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => path.join(dejavu, file)).filter((file) => existsSync(file));
    fontChoice = { family: CHART_LAYOUT.font, files };
    return fontChoice;
  }
  if (!FONT_DIRS.some((dir) => hasFontFile(dir))) {
    throw new AppError(
      'chart_no_fonts',
      `No font found to draw the chart's text (looked in ${FONT_DIRS.slice(0, 3).join(', ')}): install one, e.g. \`apt-get install fonts-dejavu-core\`.`,
    );
  }
  fontChoice = { family: 'sans-serif', files: [] };
  return fontChoice;
};

interface Libraries {
  vega: typeof import('vega');
  vegaLite: typeof import('vega-lite');
  Resvg: typeof import('@resvg/resvg-js').Resvg;
}

let libraries: Promise<Libraries> | null = null;
const loadLibraries = (): Promise<Libraries> =>
  (libraries ??= Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]).then(([vega, vegaLite, resvg]) => ({
    vega,
    vegaLite,
    Resvg: resvg.Resvg,
  })));

/** The chart as SVG text (vega's own renderer, no browser). */
export const renderTrendChartSvg = async (chart: TrendChart): Promise<string> => {
  const { vega, vegaLite } = await loadLibraries();
  const font = chooseFont();
  const spec = trendChartSpec(chart);
  (spec.config as { font: string }).font = font.family;
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
};

/** The PNG's width and height, read from its IHDR chunk. */
export const pngSize = (png: Buffer): { width: number; height: number } => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** The chart as a PNG (about 940 px wide), with its file name, title and alt text. */
export const renderTrendChart = async (chart: TrendChart): Promise<ChartImage> => {
  const svg = await renderTrendChartSvg(chart);
  const { Resvg } = await loadLibraries();
  const font = chooseFont();
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: font.files.length === 0, fontFiles: font.files, defaultFontFamily: font.family, sansSerifFamily: font.family },
    fitTo: { mode: 'zoom', value: CHART_LAYOUT.scale },
    background: 'white',
  });
  const png = resvg.render().asPng();
  return { png, ...pngSize(png), fileName: trendChartFileName(chart), title: chart.title, altText: describeTrendChart(chart) };
};
