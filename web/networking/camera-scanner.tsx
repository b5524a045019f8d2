import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };

let detector: Promise<Detector> | null = null;

/**
 * A QR reader: the browser's own BarcodeDetector where there is one, else the
 * zxing-wasm polyfill. Its .wasm is served from our own origin (bundled by
 * Vite), never fetched from a CDN: venues have poor Wi-Fi, and the app must
 * scan offline.
 */
function qrDetector(): Promise<Detector> {
  detector ??= (async () => {
    const native = (globalThis as { BarcodeDetector?: new (o: object) => Detector }).BarcodeDetector;
    if (native) return new native({ formats: ['qr_code'] });
    const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
      import('barcode-detector/ponyfill'),
      import('zxing-wasm/reader/zxing_reader.wasm?url'),
    ]);
    prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
    });
    return new BarcodeDetector({ formats: ['qr_code'] });
  })();
  return detector;
}

/** The camera's picture, read a few times a second until a QR is found. */
export function CameraScanner({ onCode, onClose }: { onCode(text: string): void; onClose(): void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const start = async () => {
      try {
        const [reader, media] = await Promise.all([
          qrDetector(),
          navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        ]);
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        const look = async () => {
          if (stopped || !video.current) return;
          const found = await reader.detect(video.current).catch(() => []);
          const text = found[0]?.rawValue;
          if (text) onCode(text);
          else timer = setTimeout(look, 250);
        };
        void look();
      } catch {
        if (!stopped) setProblem(t('networking.scan.cameraProblem'));
      }
    };
    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onCode, t]);

  return (
    <div className="camera">
      {problem ? (
        <p className="notice" role="alert">
          {problem}
        </p>
      ) : (
        <video ref={video} className="camera__video" playsInline muted aria-label={t('networking.scan.cameraLabel')} />
      )}
      <button type="button" className="button button--quiet" onClick={onClose}>
        {t('networking.scan.cameraStop')}
      </button>
    </div>
  );
}
