export { RecordingPublisher, type RecordingPublisherOptions } from './recording-publisher.js';
