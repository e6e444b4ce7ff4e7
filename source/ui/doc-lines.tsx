import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {truncate} from './text-layout.js';

/** One prepared line of a scrolling document (details, diagnosis, help). */
export type DocLine = {
  readonly text: string;
  readonly color?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
  /** Parts with their own colours; when given, they are the line (and `text` is their join). */
  readonly spans?: readonly {readonly text: string; readonly color?: string}[];
};

/** Shorthand for a DocLine. */
export function line(text: string, style: Omit<DocLine, 'text'> = {}): DocLine {
  return {text, ...style};
}

type Props = {
  readonly lines: readonly DocLine[];
  readonly width: number;
  readonly height: number;
  readonly offset?: number;
};

/** Renders the window `[offset, offset + height)` of prepared lines, each cut to the width. */
export function DocLines({lines, width, height, offset = 0}: Props) {
  const start = Math.max(0, Math.min(offset, lines.length - height));
  const visible = lines.slice(start, start + height);
  return (
    <Box flexDirection="column" width={width}>
      {visible.map((l, index) => (
        <Text key={index} color={l.color} bold={l.bold} dimColor={l.dim} inverse={l.inverse}>
          {l.spans && stringWidth(l.text) <= width
            ? l.spans.map((span, spanIndex) => (
                <Text key={spanIndex} color={span.color}>
                  {span.text}
                </Text>
              ))
            : truncate(l.text, width) || ' '}
        </Text>
      ))}
    </Box>
  );
}

/** The largest useful scroll offset. */
export function maxOffset(lines: readonly unknown[], height: number): number {
  return Math.max(0, lines.length - height);
}
