package main

import (
	"fmt"
	"sync"
	"time"
)

var (
	accounts sync.Mutex
	audit    sync.Mutex
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		accounts.Lock()
		time.Sleep(time.Millisecond)
		audit.Lock()
		fmt.Println("transfer logged")
		audit.Unlock()
		accounts.Unlock()
	}()
	go func() {
		defer wg.Done()
		audit.Lock()
		time.Sleep(time.Millisecond)
		accounts.Lock()
		fmt.Println("audit done")
		accounts.Unlock()
		audit.Unlock()
	}()
	wg.Wait()
}
