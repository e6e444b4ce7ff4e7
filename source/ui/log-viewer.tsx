import {useKeys} from './use-keys.js';
import {useEffect, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import type {UiStrings} from './strings.js';
import {openLogReader, type LogReader} from './log-reader.js';
import {colors} from './theme.js';
import {truncate} from './text-layout.js';

type Props = {
  readonly path: string | undefined;
  readonly width: number;
  readonly height: number;
  readonly strings: UiStrings;
  readonly isActive: boolean;
  readonly onClose: () => void;
};

// A running step's log keeps growing: index the new bytes this often while open.
const refreshMs = 1000;

/** Pages through a step's whole log by byte ranges: PgUp/PgDn, g/G, `/` search, n/N. */
export function LogViewer({path, width, height, strings, isActive, onClose}: Props) {
  const reader = useRef<LogReader | undefined>(undefined);
  const [top, setTop] = useState(0);
  const [total, setTotal] = useState(0);
  const [visible, setVisible] = useState<readonly string[]>([]);
  const [searching, setSearching] = useState<string | undefined>(undefined);
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState<string | undefined>(path ? undefined : strings.noLog);
  const [hit, setHit] = useState<number | undefined>(undefined);
  const bodyHeight = Math.max(1, height - 1);

  useEffect(() => {
    if (!path) return;
    let live = true;
    let timer: NodeJS.Timeout | undefined;
    openLogReader(path).then(
      (opened) => {
        if (!live) {
          void opened.close();
          return;
        }

        reader.current = opened;
        setTotal(opened.lineCount());
        timer = setInterval(() => {
          void opened.refresh().then(() => {
            if (live) setTotal(opened.lineCount());
          });
        }, refreshMs);
      },
      () => {
        if (live) setMessage(strings.noLog);
      },
    );
    return () => {
      live = false;
      clearInterval(timer);
      void reader.current?.close();
      reader.current = undefined;
    };
  }, [path, strings.noLog]);

  const maxTop = Math.max(0, total - bodyHeight);
  useEffect(() => {
    let live = true;
    void reader.current?.readLines(Math.min(top, maxTop), bodyHeight).then((lines) => {
      if (live) setVisible(lines);
    });
    return () => {
      live = false;
    };
  }, [top, maxTop, bodyHeight, total]);

  const findNext = (needle: string, from: number, direction: 1 | -1) => {
    void reader.current?.find(needle, from, direction).then((found) => {
      if (found === undefined) {
        setMessage(`${strings.search}: "${needle}" ${strings.notFound}`);
        return;
      }

      setHit(found);
      setMessage(undefined);
      setTop(Math.max(0, found - Math.floor(bodyHeight / 2)));
    });
  };

  useKeys(
    (input, key) => {
      if (searching !== undefined) {
        if (key.return) {
          setQuery(searching);
          setSearching(undefined);
          findNext(searching, Math.min(top, maxTop), 1);
        } else if (key.escape) setSearching(undefined);
        else if (key.backspace || key.delete) setSearching(searching.slice(0, -1));
        else if (!key.ctrl && !key.meta && input) setSearching(searching + input);
        return;
      }

      const move = (to: number) => {
        setTop(Math.max(0, Math.min(maxTop, to)));
      };

      const at = Math.min(top, maxTop);
      if (key.escape || input === 'q' || input === 'l') onClose();
      else if (key.upArrow || input === 'k') move(at - 1);
      else if (key.downArrow || input === 'j') move(at + 1);
      else if (key.pageUp) move(at - bodyHeight);
      else if (key.pageDown || input === ' ') move(at + bodyHeight);
      else if (input === 'g' || key.home) move(0);
      else if (input === 'G' || key.end) move(maxTop);
      else if (input === '/') setSearching('');
      else if (input === 'n' && query) findNext(query, (hit ?? at) + 1, 1);
      else if (input === 'N' && query) findNext(query, (hit ?? at) - 1, -1);
    },
    {isActive},
  );

  const at = Math.min(top, maxTop);
  const status =
    searching === undefined
      ? (message ??
        `${strings.log}: ${path ?? ''}  ${strings.lineOf} ${total === 0 ? 0 : at + 1}-${Math.min(total, at + bodyHeight)} ${strings.of} ${total}`)
      : `/${searching}`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {visible.slice(0, bodyHeight).map((text, index) => (
        <Text key={index} inverse={at + index === hit}>
          {truncate(text, width) || ' '}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text color={searching === undefined ? colors.muted : colors.accent}>
        {truncate(status, width)}
      </Text>
    </Box>
  );
}
