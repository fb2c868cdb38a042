/**
 * Video player island: reports what was played (as [start, end] ranges) every 15 seconds, on
 * pause, at the end and when the page is left; adds the speed control; makes the transcript
 * seek the video and follow it. Without it the native player, the transcript links and the
 * "mark as complete" form still work.
 */
const REPORT_EVERY_MS = 15_000;
/** A jump larger than this between two time updates is a seek, not playback. */
const MAX_STEP_SECONDS = 3;

type Range = [number, number];

export function mountVideoPlayer(root: HTMLElement): void {
  const video = root.querySelector('video');
  if (!video) return;
  const url = root.dataset.progressUrl;
  const ranges: Range[] = [];
  let current: Range | null = null;

  const tools = root.querySelector<HTMLElement>('[data-video-tools]');
  const speed = root.querySelector<HTMLSelectElement>('select[data-speed]');
  if (tools) tools.hidden = false;
  speed?.addEventListener('change', () => {
    video.playbackRate = Number(speed.value) || 1;
  });

  const resumeAt = Number(root.dataset.position);
  if (resumeAt > 0) {
    video.addEventListener(
      'loadedmetadata',
      () => {
        if (video.currentTime < 1 && resumeAt < video.duration - 5) video.currentTime = resumeAt;
      },
      { once: true },
    );
  }

  const close = () => {
    if (current && current[1] > current[0]) ranges.push(current);
    current = null;
  };

  const send = () => {
    const playing = !video.paused;
    close();
    if (!url || ranges.length === 0) return;
    const body: Record<string, unknown> = { ranges: ranges.splice(0), positionSeconds: video.currentTime };
    if (Number.isFinite(video.duration) && video.duration > 0) body.durationSeconds = video.duration;
    if (playing) current = [video.currentTime, video.currentTime];
    void fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((progress: { completion?: unknown } | null) => {
        if (progress?.completion) root.closest('section')?.querySelector('[data-completion-form]')?.remove();
      })
      .catch(() => undefined);
  };

  const cues = Array.from(root.querySelectorAll<HTMLAnchorElement>('a[data-start]'));
  for (const cue of cues) {
    cue.addEventListener('click', (event) => {
      event.preventDefault();
      video.currentTime = Number(cue.dataset.start);
      void video.play();
    });
  }

  const highlight = (time: number) => {
    for (const cue of cues) {
      const active = Number(cue.dataset.start) <= time && time < Number(cue.dataset.end);
      if (active) cue.setAttribute('aria-current', 'true');
      else cue.removeAttribute('aria-current');
    }
  };

  video.addEventListener('timeupdate', () => {
    const time = video.currentTime;
    highlight(time);
    if (video.paused || video.seeking) return;
    if (current && time >= current[1] && time - current[1] <= MAX_STEP_SECONDS * video.playbackRate) {
      current[1] = time;
    } else {
      close();
      current = [time, time];
    }
  });
  video.addEventListener('seeking', close);
  video.addEventListener('pause', send);
  video.addEventListener('ended', send);
  window.addEventListener('pagehide', send);
  window.setInterval(() => {
    if (!video.paused) send();
  }, REPORT_EVERY_MS);
}
